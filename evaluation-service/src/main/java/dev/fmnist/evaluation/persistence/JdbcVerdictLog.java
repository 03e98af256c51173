package dev.fmnist.evaluation.persistence;

import dev.fmnist.evaluation.promotion.VerdictLog;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code evaluation.challenger_verdict} ({@code V8__comparisons.sql}): one row per (challenger, champion) pair with its
 * first decided verdict and how its auto-promotion ended. An insert that finds the row changes nothing, so the alert
 * and the promotion happen once per pair across restarts.
 */
@Singleton
public class JdbcVerdictLog implements VerdictLog {

    private final DataSource dataSource;

    public JdbcVerdictLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean recordFirst(String challengerId, String championId, String verdict) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO evaluation.challenger_verdict (challenger_id, champion_id, verdict)
                        VALUES (?, ?, ?) ON CONFLICT (challenger_id, champion_id) DO NOTHING""")) {
            insert.setString(1, challengerId);
            insert.setString(2, championId);
            insert.setString(3, verdict);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceException("could not record the verdict on " + challengerId, e);
        }
    }

    @Override
    public boolean promotionSettled(String challengerId, String championId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT promotion FROM evaluation.challenger_verdict
                        WHERE challenger_id = ? AND champion_id = ? AND promotion IS NOT NULL""")) {
            select.setString(1, challengerId);
            select.setString(2, championId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the promotion of " + challengerId, e);
        }
    }

    @Override
    public void settlePromotion(String challengerId, String championId, String outcome) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO evaluation.challenger_verdict (challenger_id, champion_id, verdict, promotion,
                                                                   promotion_at)
                        VALUES (?, ?, 'BETTER', ?, now())
                        ON CONFLICT (challenger_id, champion_id)
                        DO UPDATE SET promotion = EXCLUDED.promotion, promotion_at = now()""")) {
            upsert.setString(1, challengerId);
            upsert.setString(2, championId);
            upsert.setString(3, outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not record the promotion of " + challengerId, e);
        }
    }
}
