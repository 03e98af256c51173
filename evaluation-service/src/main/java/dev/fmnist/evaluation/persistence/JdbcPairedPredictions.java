package dev.fmnist.evaluation.persistence;

import dev.fmnist.evaluation.comparison.PairedCounts;
import dev.fmnist.evaluation.comparison.PairedPredictions;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Pairs two models' counted labelled predictions by image id in PostgreSQL: a join of
 * {@code evaluation.counted_prediction} with itself on {@code image_id} (both sides found through its primary key,
 * {@code (model_id, image_id)}), grouped by (true label, champion's prediction, challenger's prediction). An image
 * whose two rows disagree on the true label is left out.
 */
@Singleton
public class JdbcPairedPredictions implements PairedPredictions {

    private static final String PAIRED = """
            SELECT champion.true_label, champion.predicted_label, challenger.predicted_label, count(*)
            FROM evaluation.counted_prediction champion
            JOIN evaluation.counted_prediction challenger
              ON challenger.model_id = ? AND challenger.image_id = champion.image_id
             AND challenger.true_label = champion.true_label
            WHERE champion.model_id = ?
            GROUP BY 1, 2, 3""";

    private final DataSource dataSource;

    public JdbcPairedPredictions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public PairedCounts count(String championId, String challengerId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(PAIRED)) {
            select.setString(1, challengerId);
            select.setString(2, championId);
            PairedCounts.Builder counts = PairedCounts.builder();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(rows.getShort(1), rows.getShort(2), rows.getShort(3), rows.getLong(4));
                }
            }
            return counts.build();
        } catch (SQLException e) {
            throw new PersistenceException(
                    "could not pair the predictions of " + challengerId + " and " + championId, e);
        }
    }
}
