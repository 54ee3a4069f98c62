package org.kbbridge.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.model.Collection;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.sync.Checkpoint;
import org.kbbridge.port.out.BatchResult;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeWriter;
import org.kbbridge.port.out.SyncBatch;

/**
 * Writes a batch per resource in one statement: the rows travel as one jsonb array, the upsert skips live rows whose
 * content hash is unchanged, and the change-log rows are inserted from what the upsert returned.
 */
final class JdbiKnowledgeWriter implements KnowledgeWriter {

    /** Namespace of the per-account advisory lock that keeps each account's change-log seqs in commit order. */
    static final int WRITE_LOCK_NAMESPACE = 0x6b62;

    private static final Map<ResourceTable, List<String[]>> COLUMNS = new EnumMap<>(ResourceTable.class);

    static {
        COLUMNS.put(ResourceTable.COLLECTION, cols("id bigint", "name text", "description text", "parent_id bigint",
                "visibility text", "position integer", "url text", "updated_at timestamptz"));
        COLUMNS.put(ResourceTable.PAGE, cols("id bigint", "title text", "status text", "collection_id bigint",
                "created_by_id text", "created_by_username text", "created_by_name text", "visibility text",
                "has_accepted_answer boolean", "views integer", "reply_count integer", "like_count integer", "url text",
                "created_at timestamptz", "updated_at timestamptz"));
        COLUMNS.put(ResourceTable.PAGE_CONTENT, cols("id bigint", "page_id bigint", "raw text", "cooked text",
                "url text", "created_at timestamptz", "updated_at timestamptz"));
        COLUMNS.put(ResourceTable.COMMENT, cols("id bigint", "page_id bigint", "post_number integer",
                "reply_to_post_number integer", "raw text", "cooked text", "created_by_id text",
                "created_by_username text", "created_by_name text", "accepted boolean", "like_count integer",
                "url text", "created_at timestamptz", "updated_at timestamptz"));
        COLUMNS.put(ResourceTable.TAG, cols("name text", "description text", "updated_at timestamptz"));
    }

    private static List<String[]> cols(String... specs) {
        List<String[]> list = new ArrayList<>();
        for (String spec : specs) {
            list.add(spec.split(" "));
        }
        list.add(new String[] {"content_hash", "text"});
        list.add(new String[] {"remote_data", "jsonb"});
        return List.copyOf(list);
    }

    private static final String UPSERT = """
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(%2$s)
            ), written AS (
                INSERT INTO %1$s AS t (account_id, %3$s)
                SELECT :account, %3$s FROM input
                ON CONFLICT (account_id, %4$s) DO UPDATE SET %5$s, deleted_at = NULL, last_changed_at = now()
                WHERE t.content_hash IS DISTINCT FROM excluded.content_hash OR t.deleted_at IS NOT NULL
                RETURNING t.%4$s AS key, (t.xmax = 0) AS inserted
            ), logged AS (
                INSERT INTO change_log (account_id, resource, remote_id, op)
                SELECT :account, :resource, key::text, 'upsert' FROM written ORDER BY key
            )
            SELECT key::text AS key, inserted FROM written
            """;

    private static final String TOMBSTONE = """
            WITH gone AS (
                UPDATE %1$s AS t SET deleted_at = now(), last_changed_at = now()
                WHERE t.account_id = :account AND t.deleted_at IS NULL AND %3$s
                RETURNING t.%2$s AS key
            ), logged AS (
                INSERT INTO change_log (account_id, resource, remote_id, op)
                SELECT :account, :resource, key::text, 'delete' FROM gone ORDER BY key
            )
            SELECT count(*) FROM gone
            """;

    private static final String REMEMBER_SEEN = """
            INSERT INTO sync_seen (run_id, account_id, resource, remote_id)
            SELECT :run, :account, :resource, unnest(CAST(:ids AS text[]))
            ON CONFLICT DO NOTHING
            """;

    static final String SAVE_CHECKPOINT = """
            INSERT INTO sync_checkpoints (account_id, stream, position, run_id, updated_at)
            VALUES (:account, :stream, :position, :run, now())
            ON CONFLICT (account_id, stream)
            DO UPDATE SET position = excluded.position, run_id = excluded.run_id, updated_at = now()
            """;

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();

    JdbiKnowledgeWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public BatchResult write(long accountId, SyncBatch batch) {
        return jdbi.inTransaction(handle -> write(handle, accountId, batch));
    }

    /** Writes the batch within the caller's transaction (which gets the account's write lock). */
    BatchResult write(Handle handle, long accountId, SyncBatch batch) {
        Map<ResourceTable, Map<String, KnowledgeItem>> byResource = new EnumMap<>(ResourceTable.class);
        for (KnowledgeItem item : batch.upserts()) {
            // The last occurrence wins: one statement may not touch a row twice.
            byResource.computeIfAbsent(ResourceTable.of(item.type()), t -> new LinkedHashMap<>()).put(item.id(), item);
        }
        Map<ResourceTable, Set<String>> deletions = new EnumMap<>(ResourceTable.class);
        for (ItemRef ref : batch.deletions()) {
            deletions.computeIfAbsent(ResourceTable.of(ref.resource()), t -> new LinkedHashSet<>()).add(ref.id());
        }
        lockAccount(handle, accountId);
        BatchResult result = BatchResult.EMPTY;
        for (var entry : byResource.entrySet()) {
            result = result.plus(upsert(handle, accountId, entry.getKey(), entry.getValue()));
            if (batch.runId() != null) {
                rememberSeen(handle, accountId, batch.runId(), entry.getKey(), entry.getValue().keySet());
            }
        }
        for (var entry : deletions.entrySet()) {
            int deleted = tombstone(handle, accountId, entry.getKey(), entry.getValue());
            result = result.plus(BatchResult.of(entry.getKey().type, 0, 0, 0, deleted));
        }
        if (batch.checkpoint() != null) {
            saveCheckpoint(handle, batch.checkpoint());
        }
        return result;
    }

    @Override
    public BatchResult tombstoneUnseen(long accountId, long runId, Set<ResourceType> resources) {
        return jdbi.inTransaction(handle -> {
            lockAccount(handle, accountId);
            // the run just filled sync_seen and the item tables: without fresh statistics the planner picks a nested
            // loop that compares every item with every seen id (seconds per 10,000 rows instead of milliseconds)
            handle.execute("ANALYZE sync_seen");
            BatchResult result = BatchResult.EMPTY;
            for (ResourceType type : resources) {
                ResourceTable table = ResourceTable.of(type);
                handle.execute("ANALYZE " + table.table);
                // remote_id is COLLATE "C": the comparison must be too, or its index cannot serve it
                String sql = TOMBSTONE.formatted(table.table, table.key, """
                        NOT EXISTS (SELECT 1 FROM sync_seen s
                                    WHERE s.run_id = :run AND s.resource = :resource
                                      AND s.remote_id = t.%s::text COLLATE "C")"""
                        .formatted(table.key));
                int deleted = handle.createQuery(sql)
                        .bind("account", accountId)
                        .bind("resource", table.wire())
                        .bind("run", runId)
                        .mapTo(Integer.class)
                        .one();
                result = result.plus(BatchResult.of(type, 0, 0, 0, deleted));
            }
            handle.createUpdate("DELETE FROM sync_seen WHERE run_id = :run").bind("run", runId).execute();
            return result;
        });
    }

    @Override
    public BatchResult tombstoneOrphans(long accountId) {
        return jdbi.inTransaction(handle -> {
            lockAccount(handle, accountId);
            BatchResult result = BatchResult.EMPTY;
            for (ResourceType type : List.of(ResourceType.PAGE_CONTENT, ResourceType.COMMENT)) {
                ResourceTable table = ResourceTable.of(type);
                String sql = TOMBSTONE.formatted(table.table, table.key, """
                        NOT EXISTS (SELECT 1 FROM pages p
                                    WHERE p.account_id = t.account_id AND p.id = t.page_id AND p.deleted_at IS NULL)""");
                int deleted = handle.createQuery(sql)
                        .bind("account", accountId)
                        .bind("resource", table.wire())
                        .mapTo(Integer.class)
                        .one();
                result = result.plus(BatchResult.of(type, 0, 0, 0, deleted));
            }
            return result;
        });
    }

    @Override
    public void purge(long accountId) {
        jdbi.useTransaction(handle -> {
            lockAccount(handle, accountId);
            for (String table : List.of("page_tags", "comments", "page_contents", "pages", "collections", "tags",
                    "change_log", "sync_checkpoints", "sync_seen")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE account_id = :account")
                        .bind("account", accountId)
                        .execute();
            }
        });
    }

    static void lockAccount(Handle handle, long accountId) {
        handle.createQuery(
                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock(:ns, CAST(:account % 2147483647 AS integer))) l")
                .bind("ns", WRITE_LOCK_NAMESPACE)
                .bind("account", accountId)
                .mapTo(Integer.class)
                .one();
    }

    static void saveCheckpoint(Handle handle, Checkpoint checkpoint) {
        handle.createUpdate(SAVE_CHECKPOINT)
                .bind("account", checkpoint.accountId())
                .bind("stream", checkpoint.stream())
                .bind("position", checkpoint.position())
                .bind("run", checkpoint.runId())
                .execute();
    }

    private BatchResult upsert(Handle handle, long accountId, ResourceTable table, Map<String, KnowledgeItem> items) {
        List<String[]> columns = COLUMNS.get(table);
        String typed = columns.stream().map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", "));
        String names = columns.stream().map(c -> c[0]).collect(Collectors.joining(", "));
        String updates = columns.stream()
                .filter(c -> !c[0].equals(table.key))
                .map(c -> c[0] + " = excluded." + c[0])
                .collect(Collectors.joining(", "));
        String sql = UPSERT.formatted(table.table, typed, names, table.key, updates);

        ArrayNode rows = json.createArrayNode();
        items.values().forEach(item -> rows.add(row(item)));
        List<Map<String, Object>> written = handle.createQuery(sql)
                .bind("rows", rows.toString())
                .bind("account", accountId)
                .bind("resource", table.wire())
                .mapToMap()
                .list();
        int created = (int) written.stream().filter(r -> Boolean.TRUE.equals(r.get("inserted"))).count();
        int updated = written.size() - created;
        if (table == ResourceTable.PAGE && !written.isEmpty()) {
            replaceTags(handle, accountId, written.stream().map(r -> (String) r.get("key")).toList(), items);
        }
        return BatchResult.of(table.type, created, updated, items.size() - written.size(), 0);
    }

    private static void replaceTags(Handle handle, long accountId, List<String> pageIds,
            Map<String, KnowledgeItem> items) {
        List<Long> pages = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String id : pageIds) {
            for (String tag : ((Page) items.get(id)).tags()) {
                pages.add(ResourceTable.parseId(id));
                tags.add(tag);
            }
        }
        handle.createUpdate("DELETE FROM page_tags WHERE account_id = :account AND page_id = ANY(:pages)")
                .bind("account", accountId)
                .bindArray("pages", Long.class, pageIds.stream().map(ResourceTable::parseId).toList())
                .execute();
        if (!pages.isEmpty()) {
            handle.createUpdate("""
                    INSERT INTO page_tags (account_id, page_id, tag_name)
                    SELECT :account, p, t FROM unnest(CAST(:pages AS bigint[]), CAST(:tags AS text[])) AS x(p, t)
                    ON CONFLICT DO NOTHING
                    """)
                    .bind("account", accountId)
                    .bindArray("pages", Long.class, pages)
                    .bindArray("tags", String.class, tags)
                    .execute();
        }
    }

    private static void rememberSeen(Handle handle, long accountId, long runId, ResourceTable table,
            Set<String> ids) {
        handle.createUpdate(REMEMBER_SEEN)
                .bind("run", runId)
                .bind("account", accountId)
                .bind("resource", table.wire())
                .bindArray("ids", String.class, List.copyOf(ids))
                .execute();
    }

    private static int tombstone(Handle handle, long accountId, ResourceTable table, Set<String> ids) {
        String sql = TOMBSTONE.formatted(table.table, table.key, "t." + table.key + " = ANY(:ids)");
        return table.bindKeys(handle.createQuery(sql), "ids", ids)
                .bind("account", accountId)
                .bind("resource", table.wire())
                .mapTo(Integer.class)
                .one();
    }

    private ObjectNode row(KnowledgeItem item) {
        ObjectNode row = json.createObjectNode();
        if (item instanceof Collection c) {
            row.put("id", ResourceTable.parseId(c.id()));
            row.put("name", c.name());
            row.put("description", c.description());
            row.put("parent_id", ResourceTable.parseNullableId(c.parentId()));
            row.put("visibility", c.visibility().wire());
            row.put("position", c.position());
            row.put("url", c.url());
            row.put("updated_at", instant(c.updatedAt()));
        } else if (item instanceof Page p) {
            row.put("id", ResourceTable.parseId(p.id()));
            row.put("title", p.title());
            row.put("status", p.status().wire());
            row.put("collection_id", ResourceTable.parseNullableId(p.collectionId()));
            row.put("created_by_id", p.createdBy().id());
            row.put("created_by_username", p.createdBy().username());
            row.put("created_by_name", p.createdBy().name());
            row.put("visibility", p.visibility().wire());
            row.put("has_accepted_answer", p.hasAcceptedAnswer());
            row.put("views", p.stats().views());
            row.put("reply_count", p.stats().replyCount());
            row.put("like_count", p.stats().likeCount());
            row.put("url", p.url());
            row.put("created_at", instant(p.createdAt()));
            row.put("updated_at", instant(p.updatedAt()));
        } else if (item instanceof PageContent pc) {
            row.put("id", ResourceTable.parseId(pc.id()));
            row.put("page_id", ResourceTable.parseId(pc.pageId()));
            row.put("raw", pc.raw());
            row.put("cooked", pc.cooked());
            row.put("url", pc.url());
            row.put("created_at", instant(pc.createdAt()));
            row.put("updated_at", instant(pc.updatedAt()));
        } else if (item instanceof Comment c) {
            row.put("id", ResourceTable.parseId(c.id()));
            row.put("page_id", ResourceTable.parseId(c.pageId()));
            row.put("post_number", c.postNumber());
            row.put("reply_to_post_number", c.replyToPostNumber());
            row.put("raw", c.raw());
            row.put("cooked", c.cooked());
            row.put("created_by_id", c.createdBy().id());
            row.put("created_by_username", c.createdBy().username());
            row.put("created_by_name", c.createdBy().name());
            row.put("accepted", c.acceptedAnswer());
            row.put("like_count", c.likeCount());
            row.put("url", c.url());
            row.put("created_at", instant(c.createdAt()));
            row.put("updated_at", instant(c.updatedAt()));
        } else if (item instanceof Tag t) {
            row.put("name", t.name());
            row.put("description", t.description());
            row.put("updated_at", instant(t.updatedAt()));
        }
        row.put("content_hash", item.contentHash());
        row.set("remote_data", remoteData(item.remoteData()));
        return row;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Discourse's object as JSON; text that is not JSON is kept as a JSON string rather than lost. */
    private JsonNode remoteData(String text) {
        if (text == null || text.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
