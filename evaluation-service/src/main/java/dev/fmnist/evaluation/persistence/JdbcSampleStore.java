package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.evaluation.service.CellSample;
import dev.fmnist.evaluation.service.LabelledPrediction;
import dev.fmnist.evaluation.service.SampleStore;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cell samples in {@code evaluation.cell_sample} (V5): one batched upsert per batch, oldest first (the identity
 * {@code seq} breaks ties between equal timestamps), copying the pixels from {@code evaluation.input_image} when the
 * image is already there, then one delete that trims each touched cell to its newest K by the prediction's timestamp. Reads fill in pixels stored
 * after the sample was taken ({@code COALESCE} with the image table). Called from within the counting transaction,
 * whose connection it shares ({@link Transactional} joins it).
 */
@Singleton
@Transactional
public class JdbcSampleStore implements SampleStore {

    private static final String UPSERT = """
            WITH p AS (SELECT ?::float8[] AS flat)
            INSERT INTO evaluation.cell_sample
                (model_id, image_id, true_label, predicted_label, probabilities, predicted_at, pixels)
            SELECT u.model_id, u.image_id, u.true_label, u.predicted_label,
                   CASE WHEN p.flat[(u.ord - 1) * 10 + 1] IS NULL THEN NULL
                        ELSE p.flat[(u.ord - 1) * 10 + 1 : u.ord * 10] END,
                   u.predicted_at::timestamptz, i.pixels
            FROM unnest(?::text[], ?::text[], ?::smallint[], ?::smallint[], ?::text[])
                     WITH ORDINALITY AS u(model_id, image_id, true_label, predicted_label, predicted_at, ord)
                 CROSS JOIN p
                 LEFT JOIN evaluation.input_image i ON i.image_id = u.image_id
            ORDER BY u.ord
            ON CONFLICT (model_id, image_id) DO UPDATE SET
                seq = EXCLUDED.seq,
                true_label = EXCLUDED.true_label,
                predicted_label = EXCLUDED.predicted_label,
                probabilities = EXCLUDED.probabilities,
                predicted_at = EXCLUDED.predicted_at,
                pixels = COALESCE(EXCLUDED.pixels, evaluation.cell_sample.pixels)""";

    private static final String TRIM = """
            DELETE FROM evaluation.cell_sample s USING (
                SELECT r.model_id, r.image_id FROM (
                    SELECT x.model_id, x.image_id, row_number() OVER (
                               PARTITION BY x.model_id, x.true_label, x.predicted_label
                               ORDER BY x.predicted_at DESC NULLS LAST, x.seq DESC) AS rank
                    FROM evaluation.cell_sample x
                    WHERE (x.model_id, x.true_label, x.predicted_label) IN (
                        SELECT * FROM unnest(?::text[], ?::smallint[], ?::smallint[]))) r
                WHERE r.rank > ?) d
            WHERE s.model_id = d.model_id AND s.image_id = d.image_id""";

    /** Newest first: the prediction's timestamp, then the counting order. */
    private static final String NEWEST_FIRST = " ORDER BY s.predicted_at DESC NULLS LAST, s.seq DESC LIMIT ?";

    private static final String SELECT = """
            SELECT s.image_id, s.true_label, s.predicted_label, s.probabilities, s.predicted_at,
                   COALESCE(s.pixels, i.pixels)
            FROM evaluation.cell_sample s LEFT JOIN evaluation.input_image i ON i.image_id = s.image_id
            """;

    private final DataSource dataSource;

    public JdbcSampleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void keep(List<LabelledPrediction> samples, int perCell) {
        if (samples.isEmpty()) {
            return;
        }
        int n = samples.size();
        String[] models = new String[n];
        String[] images = new String[n];
        Short[] trueLabels = new Short[n];
        Short[] predictedLabels = new Short[n];
        String[] times = new String[n];
        Double[] probabilities = new Double[n * FashionLabels.COUNT];
        Set<Cell> touched = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            LabelledPrediction p = samples.get(i);
            models[i] = p.modelId();
            images[i] = p.imageId();
            trueLabels[i] = (short) p.trueLabel();
            predictedLabels[i] = (short) p.predictedLabel();
            times[i] = p.predictedAt() == null ? null : p.predictedAt().toString();
            double[] probs = p.probabilities();
            if (probs != null && probs.length == FashionLabels.COUNT) {
                for (int c = 0; c < FashionLabels.COUNT; c++) {
                    probabilities[i * FashionLabels.COUNT + c] = probs[c];
                }
            }
            touched.add(new Cell(p.modelId(), (short) p.trueLabel(), (short) p.predictedLabel()));
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setArray(1, connection.createArrayOf("float8", probabilities));
                upsert.setArray(2, connection.createArrayOf("text", models));
                upsert.setArray(3, connection.createArrayOf("text", images));
                upsert.setArray(4, connection.createArrayOf("int2", trueLabels));
                upsert.setArray(5, connection.createArrayOf("int2", predictedLabels));
                upsert.setArray(6, connection.createArrayOf("text", times));
                upsert.executeUpdate();
            }
            try (PreparedStatement trim = connection.prepareStatement(TRIM)) {
                Object[] cellModels = touched.stream().map(Cell::modelId).toArray();
                Object[] cellTrue = touched.stream().map(Cell::trueLabel).toArray();
                Object[] cellPredicted =
                        touched.stream().map(Cell::predictedLabel).toArray();
                trim.setArray(1, connection.createArrayOf("text", cellModels));
                trim.setArray(2, connection.createArrayOf("int2", cellTrue));
                trim.setArray(3, connection.createArrayOf("int2", cellPredicted));
                trim.setInt(4, perCell);
                trim.executeUpdate();
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not keep " + n + " cell samples", e);
        }
    }

    @Override
    public List<CellSample> cell(String modelId, int trueLabel, int predictedLabel, int limit) {
        return query(
                SELECT + " WHERE s.model_id = ? AND s.true_label = ? AND s.predicted_label = ?" + NEWEST_FIRST,
                modelId,
                statement -> {
                    statement.setShort(2, (short) trueLabel);
                    statement.setShort(3, (short) predictedLabel);
                    statement.setInt(4, limit);
                });
    }

    @Override
    public List<CellSample> mistakes(String modelId, int limit) {
        return query(
                SELECT + " WHERE s.model_id = ? AND s.true_label <> s.predicted_label" + NEWEST_FIRST,
                modelId,
                statement -> statement.setInt(2, limit));
    }

    private List<CellSample> query(String sql, String modelId, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, modelId);
            binder.bind(select);
            List<CellSample> samples = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    java.sql.Timestamp at = rows.getTimestamp(5);
                    samples.add(CellSample.of(
                            rows.getString(1),
                            modelId,
                            rows.getShort(2),
                            rows.getShort(3),
                            doubles(rows.getArray(4)),
                            rows.getBytes(6),
                            at == null ? null : at.toInstant()));
                }
            }
            return samples;
        } catch (SQLException e) {
            throw new PersistenceException("could not read the cell samples of model '" + modelId + "'", e);
        }
    }

    private static double[] doubles(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Double[] boxed = (Double[]) array.getArray();
        double[] values = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i] == null ? Double.NaN : boxed[i];
        }
        return values;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private record Cell(String modelId, Short trueLabel, Short predictedLabel) {}
}
