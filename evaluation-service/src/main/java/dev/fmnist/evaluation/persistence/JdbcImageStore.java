package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.evaluation.service.ImageStore;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The pixels of recent labelled input images, {@code evaluation.input_image} (V5), by image id: one batched upsert
 * per batch (an id stored again gets the new pixels and a new {@code seq}, so it counts as newest), and a delete of
 * everything older than the newest {@code keep}.
 */
@Singleton
@Transactional
public class JdbcImageStore implements ImageStore {

    private static final String UPSERT = """
            INSERT INTO evaluation.input_image (image_id, pixels)
            SELECT * FROM unnest(?::text[], ?::bytea[])
            ON CONFLICT (image_id) DO UPDATE SET pixels = EXCLUDED.pixels, seq = EXCLUDED.seq, stored_at = now()""";

    private static final String PRUNE = """
            DELETE FROM evaluation.input_image
            WHERE seq <= (SELECT seq FROM evaluation.input_image ORDER BY seq DESC OFFSET ? LIMIT 1)""";

    private final DataSource dataSource;

    public JdbcImageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void store(List<DecodedImage> images) {
        if (images.isEmpty()) {
            return;
        }
        String[] ids = new String[images.size()];
        byte[][] pixels = new byte[images.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = images.get(i).id();
            pixels[i] = images.get(i).pixels();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(1, connection.createArrayOf("text", ids));
            upsert.setArray(2, connection.createArrayOf("bytea", pixels));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not store " + ids.length + " input images", e);
        }
    }

    @Override
    public int prune(int keep) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setInt(1, keep);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not prune the input images", e);
        }
    }
}
