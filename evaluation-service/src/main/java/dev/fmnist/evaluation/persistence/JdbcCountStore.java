package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.service.CountStore;
import dev.fmnist.evaluation.service.CountedBatch;
import dev.fmnist.evaluation.service.LabelledPrediction;
import dev.fmnist.evaluation.service.ModelMark;
import dev.fmnist.evaluation.service.ModelState;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts labelled predictions exactly once per (model, image) in PostgreSQL. One transaction per batch
 * ({@link Transactional}: a failure rolls all of it back): one
 * {@code INSERT ... SELECT unnest(...) ON CONFLICT DO NOTHING RETURNING} finds the new pairs, then the model rows
 * (with their durable count of images) and the confusion counts they add up to are upserted. A redelivered
 * prediction finds its pair already there and changes nothing. Plain SQL on the transaction's connection: the batch
 * statements are what makes the throughput. Several replicas count into the same rows: the batch comes back as a
 * {@link CountedBatch} (each model's count before and after), {@link #marks()} and {@link #load} let a replica read
 * what the others counted.
 */
@Singleton
@Transactional
public class JdbcCountStore implements CountStore {

    private static final String INSERT_COUNTED = """
            INSERT INTO evaluation.counted_prediction (model_id, image_id, true_label, predicted_label, predicted_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::smallint[], ?::smallint[], ?::text[]::timestamptz[])
            ON CONFLICT (model_id, image_id) DO NOTHING
            RETURNING model_id, image_id, seq""";

    /**
     * One row per model of the batch, in model id order (two replicas lock the rows they share in the same order);
     * {@code images} is the model's durable count, returned after the update: with the row locked until commit it
     * orders the transactions of several replicas ({@link CountedBatch}).
     */
    private static final String UPSERT_MODELS = """
            INSERT INTO evaluation.model
                (model_id, model_version, first_prediction_at, last_prediction_at, images, updated_at)
            SELECT u.model_id, u.model_version, u.first_at, u.last_at, u.images, now()
            FROM unnest(?::text[], ?::int[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::bigint[])
                AS u(model_id, model_version, first_at, last_at, images)
            ON CONFLICT (model_id) DO UPDATE SET
                model_version = EXCLUDED.model_version,
                first_prediction_at = LEAST(evaluation.model.first_prediction_at, EXCLUDED.first_prediction_at),
                last_prediction_at = GREATEST(evaluation.model.last_prediction_at, EXCLUDED.last_prediction_at),
                images = evaluation.model.images + EXCLUDED.images,
                updated_at = now()
            RETURNING model_id, images""";

    /** Every model's durable count and the id of its newest stored snapshot (one index probe per model). */
    private static final String MARKS = """
            SELECT m.model_id, m.images,
                   COALESCE((SELECT s.id FROM evaluation.snapshot s WHERE s.model_id = m.model_id
                             ORDER BY s.id DESC LIMIT 1), 0)
            FROM evaluation.model m""";

    private static final String UPSERT_COUNTS = """
            INSERT INTO evaluation.confusion_count (model_id, true_label, predicted_label, images)
            SELECT * FROM unnest(?::text[], ?::smallint[], ?::smallint[], ?::bigint[])
            ON CONFLICT (model_id, true_label, predicted_label)
            DO UPDATE SET images = evaluation.confusion_count.images + EXCLUDED.images""";

    private final DataSource dataSource;

    public JdbcCountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<LabelledPrediction> countNew(List<LabelledPrediction> predictions) {
        return countNew(predictions, counted -> {});
    }

    /** Counts as {@link #countNew(List)}; {@code alsoRecord} runs in the same transaction (it joins it). */
    @Override
    public List<LabelledPrediction> countNew(
            List<LabelledPrediction> predictions, Consumer<List<LabelledPrediction>> alsoRecord) {
        try (Connection connection = dataSource.getConnection()) {
            List<LabelledPrediction> counted = insertNew(connection, predictions);
            if (counted.isEmpty()) {
                return counted;
            }
            Map<String, CountedBatch.Range> ranges = upsertModels(connection, counted);
            upsertCounts(connection, counted);
            alsoRecord.accept(counted);
            return new CountedBatch(counted, ranges);
        } catch (SQLException e) {
            throw new PersistenceException("could not count " + predictions.size() + " predictions", e);
        }
    }

    private List<LabelledPrediction> insertNew(Connection connection, List<LabelledPrediction> predictions)
            throws SQLException {
        int n = predictions.size();
        String[] models = new String[n];
        String[] images = new String[n];
        Short[] trueLabels = new Short[n];
        Short[] predictedLabels = new Short[n];
        String[] times = new String[n];
        Map<LabelledPrediction.Key, LabelledPrediction> byKey = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            LabelledPrediction p = predictions.get(i);
            models[i] = p.modelId();
            images[i] = p.imageId();
            trueLabels[i] = (short) p.trueLabel();
            predictedLabels[i] = (short) p.predictedLabel();
            times[i] = p.predictedAt() == null ? null : p.predictedAt().toString();
            byKey.put(p.key(), p);
        }
        List<Map.Entry<Long, LabelledPrediction>> inserted = new ArrayList<>(n);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_COUNTED)) {
            insert.setArray(1, connection.createArrayOf("text", models));
            insert.setArray(2, connection.createArrayOf("text", images));
            insert.setArray(3, connection.createArrayOf("int2", trueLabels));
            insert.setArray(4, connection.createArrayOf("int2", predictedLabels));
            insert.setArray(5, connection.createArrayOf("text", times));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    LabelledPrediction p = byKey.get(new LabelledPrediction.Key(rows.getString(1), rows.getString(2)));
                    inserted.add(Map.entry(rows.getLong(3), p));
                }
            }
        }
        inserted.sort(Map.Entry.comparingByKey());
        List<LabelledPrediction> counted = new ArrayList<>(inserted.size());
        inserted.forEach(e -> counted.add(e.getValue()));
        return counted;
    }

    private Map<String, CountedBatch.Range> upsertModels(Connection connection, List<LabelledPrediction> counted)
            throws SQLException {
        Map<String, ModelSpan> spans = new TreeMap<>();
        for (LabelledPrediction p : counted) {
            spans.computeIfAbsent(p.modelId(), id -> new ModelSpan()).add(p);
        }
        int n = spans.size();
        String[] models = new String[n];
        Integer[] versions = new Integer[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        Long[] images = new Long[n];
        int i = 0;
        for (Map.Entry<String, ModelSpan> e : spans.entrySet()) {
            ModelSpan span = e.getValue();
            models[i] = e.getKey();
            versions[i] = span.version;
            firsts[i] = span.first == null ? null : span.first.toString();
            lasts[i] = span.last == null ? null : span.last.toString();
            images[i] = span.images;
            i++;
        }
        Map<String, CountedBatch.Range> ranges = new HashMap<>(n * 2);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MODELS)) {
            upsert.setArray(1, connection.createArrayOf("text", models));
            upsert.setArray(2, connection.createArrayOf("int4", versions));
            upsert.setArray(3, connection.createArrayOf("text", firsts));
            upsert.setArray(4, connection.createArrayOf("text", lasts));
            upsert.setArray(5, connection.createArrayOf("int8", images));
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    String model = rows.getString(1);
                    long after = rows.getLong(2);
                    ranges.put(model, new CountedBatch.Range(after - spans.get(model).images, after));
                }
            }
        }
        return ranges;
    }

    private void upsertCounts(Connection connection, List<LabelledPrediction> counted) throws SQLException {
        Map<String, long[][]> cells = new TreeMap<>();
        for (LabelledPrediction p : counted) {
            cells.computeIfAbsent(p.modelId(), id -> new long[FashionLabels.COUNT][FashionLabels.COUNT])[p.trueLabel()][
                    p.predictedLabel()]++;
        }
        List<String> models = new ArrayList<>();
        List<Short> trueLabels = new ArrayList<>();
        List<Short> predictedLabels = new ArrayList<>();
        List<Long> images = new ArrayList<>();
        cells.forEach((model, matrix) -> {
            for (int t = 0; t < FashionLabels.COUNT; t++) {
                for (int p = 0; p < FashionLabels.COUNT; p++) {
                    if (matrix[t][p] > 0) {
                        models.add(model);
                        trueLabels.add((short) t);
                        predictedLabels.add((short) p);
                        images.add(matrix[t][p]);
                    }
                }
            }
        });
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_COUNTS)) {
            upsert.setArray(1, connection.createArrayOf("text", models.toArray()));
            upsert.setArray(2, connection.createArrayOf("int2", trueLabels.toArray()));
            upsert.setArray(3, connection.createArrayOf("int2", predictedLabels.toArray()));
            upsert.setArray(4, connection.createArrayOf("int8", images.toArray()));
            upsert.executeUpdate();
        }
    }

    @Override
    public int prune(int keepPerModel) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                     DELETE FROM evaluation.counted_prediction c USING (
                         SELECT m.model_id, (SELECT seq FROM evaluation.counted_prediction p WHERE p.model_id = m.model_id
                                             ORDER BY seq DESC OFFSET ? LIMIT 1) AS oldest_dropped
                         FROM evaluation.model m) bound
                     WHERE c.model_id = bound.model_id AND c.seq <= bound.oldest_dropped""")) {
            delete.setInt(1, keepPerModel);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not prune the deduplication record", e);
        }
    }

    @Override
    public List<ModelState> loadAll(int windowSize) {
        return read(null, windowSize);
    }

    /** Reads the given models in one REPEATABLE READ snapshot, so counts, span, window and snapshot agree. */
    @Override
    public List<ModelState> load(Collection<String> modelIds, int windowSize) {
        return modelIds.isEmpty() ? List.of() : read(modelIds.toArray(String[]::new), windowSize);
    }

    @Override
    public List<ModelMark> marks() {
        List<ModelMark> marks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(MARKS);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                marks.add(new ModelMark(rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
            return marks;
        } catch (SQLException e) {
            throw new PersistenceException("could not read the models' durable counts", e);
        }
    }

    /** @param modelIds the models to read, or null for all of them */
    private List<ModelState> read(String[] modelIds, int windowSize) {
        try (Connection connection = dataSource.getConnection()) {
            boolean own = connection.getAutoCommit();
            if (own) {
                connection.setAutoCommit(false);
            }
            try {
                try (var isolation = connection.createStatement()) {
                    isolation.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                List<ModelState> states = readStates(connection, modelIds, windowSize);
                if (own) {
                    connection.commit();
                }
                return states;
            } finally {
                if (own) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not load the evaluation state", e);
        }
    }

    private static List<ModelState> readStates(Connection connection, String[] modelIds, int windowSize)
            throws SQLException {
        Map<String, long[][]> counts = loadCounts(connection, modelIds);
        Map<String, Published> published = loadLastPublished(connection, modelIds);
        List<ModelState> states = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT model_id, model_version, first_prediction_at, last_prediction_at FROM evaluation.model"
                        + (modelIds == null ? "" : " WHERE model_id = ANY(?)")
                        + " ORDER BY model_id")) {
            if (modelIds != null) {
                select.setArray(1, connection.createArrayOf("text", modelIds));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String modelId = rows.getString(1);
                    Published last = published.get(modelId);
                    states.add(new ModelState(
                            modelId,
                            rows.getInt(2),
                            counts.getOrDefault(modelId, new long[FashionLabels.COUNT][FashionLabels.COUNT]),
                            instant(rows.getTimestamp(3)),
                            instant(rows.getTimestamp(4)),
                            loadRecent(connection, modelId, rows.getInt(2), windowSize),
                            last == null ? null : last.evaluation(),
                            last == null ? 0 : last.id()));
                }
            }
        }
        return states;
    }

    private static Map<String, long[][]> loadCounts(Connection connection, String[] modelIds) throws SQLException {
        Map<String, long[][]> counts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT model_id, true_label, predicted_label, images FROM evaluation.confusion_count"
                        + (modelIds == null ? "" : " WHERE model_id = ANY(?)"))) {
            if (modelIds != null) {
                select.setArray(1, connection.createArrayOf("text", modelIds));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.computeIfAbsent(rows.getString(1), id -> new long[FashionLabels.COUNT][FashionLabels.COUNT])[
                                    rows.getShort(2)][rows.getShort(3)] =
                            rows.getLong(4);
                }
            }
        }
        return counts;
    }

    private static Map<String, Published> loadLastPublished(Connection connection, String[] modelIds)
            throws SQLException {
        Map<String, Published> published = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT ON (model_id) model_id, id, evaluation::text FROM evaluation.snapshot"
                        + (modelIds == null ? "" : " WHERE model_id = ANY(?)")
                        + " ORDER BY model_id, id DESC")) {
            if (modelIds != null) {
                select.setArray(1, connection.createArrayOf("text", modelIds));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    published.put(
                            rows.getString(1),
                            new Published(rows.getLong(2), JsonCodec.fromJson(rows.getString(3), Evaluation.class)));
                }
            }
        }
        return published;
    }

    private static List<LabelledPrediction> loadRecent(
            Connection connection, String modelId, int modelVersion, int windowSize) throws SQLException {
        List<LabelledPrediction> recent = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT image_id, true_label, predicted_label, predicted_at FROM evaluation.counted_prediction"
                        + " WHERE model_id = ? ORDER BY seq DESC LIMIT ?")) {
            select.setString(1, modelId);
            select.setInt(2, windowSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recent.add(new LabelledPrediction(
                            modelId,
                            modelVersion,
                            rows.getString(1),
                            rows.getShort(2),
                            rows.getShort(3),
                            instant(rows.getTimestamp(4))));
                }
            }
        }
        Collections.reverse(recent);
        return recent;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A model's newest stored snapshot and its id in the history. */
    private record Published(long id, Evaluation evaluation) {}

    /** Version, prediction time span and new images of one model within a batch. */
    private static final class ModelSpan {
        private int version;
        private Instant first;
        private Instant last;
        private long images;

        void add(LabelledPrediction p) {
            version = p.modelVersion();
            images++;
            Instant at = p.predictedAt();
            if (at != null) {
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
        }
    }
}
