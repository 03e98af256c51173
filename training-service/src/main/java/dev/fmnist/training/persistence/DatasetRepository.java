package dev.fmnist.training.persistence;

import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.training.service.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The datasets this service has heard of ({@code training.dataset}). */
@ApplicationScoped
@Transactional
public class DatasetRepository implements DatasetStore {

    private final DataSource dataSource;

    public DatasetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(DatasetReady ready) {
        Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into training.dataset (dataset_id, name, content_hash, announcement, received_at)
                    values (?, ?, ?, ?::jsonb, now())
                    on conflict (dataset_id) do update set name = excluded.name,
                        content_hash = excluded.content_hash, announcement = excluded.announcement,
                        received_at = now()""")) {
                s.setString(1, ready.datasetId());
                s.setString(2, ready.name());
                s.setString(3, ready.contentHash());
                s.setString(4, Jdbc.json(ready));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<DatasetReady> find(String nameOrId) {
        return Jdbc.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select announcement from training.dataset where dataset_id = ? or name = ?
                    order by (dataset_id = ?) desc, received_at desc limit 1""")) {
                s.setString(1, nameOrId);
                s.setString(2, nameOrId);
                s.setString(3, nameOrId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(Jdbc.fromJson(rs.getString(1), DatasetReady.class))
                            : Optional.<DatasetReady>empty();
                }
            }
        });
    }

    @Override
    public List<DatasetReady> all() {
        return Jdbc.run(dataSource, c -> {
            List<DatasetReady> all = new ArrayList<>();
            try (PreparedStatement s =
                            c.prepareStatement("select announcement from training.dataset order by received_at desc");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(Jdbc.fromJson(rs.getString(1), DatasetReady.class));
                }
            }
            return all;
        });
    }
}
