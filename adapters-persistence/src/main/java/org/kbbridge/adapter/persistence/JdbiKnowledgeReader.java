package org.kbbridge.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.kbbridge.domain.model.Collection;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.CommentParent;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.PageStats;
import org.kbbridge.domain.model.PageStatus;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.model.UserRef;
import org.kbbridge.domain.model.Visibility;
import org.kbbridge.domain.view.CollectionView;
import org.kbbridge.domain.view.CommentView;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.domain.view.PageContentView;
import org.kbbridge.domain.view.PageView;
import org.kbbridge.domain.view.TagView;
import org.kbbridge.port.out.ItemPage;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.ListQuery;

/**
 * Keyset reads in ascending key order. The derived fields (page counts, a page's tags and accepted answer, a
 * comment's live reply target) are computed by correlated subqueries on indexed columns, per row served. Remote data
 * is read only when asked for: it is most of a row's bytes, and turning jsonb into text is most of the query's work.
 */
final class JdbiKnowledgeReader implements KnowledgeReader {

    private static final String COLLECTIONS = """
            SELECT x.id, x.name, x.description, x.parent_id, x.visibility, x.position, x.url, x.updated_at,
                   x.remote_data, x.deleted_at,
                   (SELECT count(*) FROM pages p
                    WHERE p.account_id = x.account_id AND p.collection_id = x.id AND p.deleted_at IS NULL) AS page_count
            FROM collections x
            """;

    private static final String PAGES = """
            SELECT x.id, x.title, x.status, x.collection_id, x.created_by_id, x.created_by_username, x.created_by_name,
                   x.visibility, x.has_accepted_answer, x.views, x.reply_count, x.like_count, x.url, x.created_at,
                   x.updated_at, x.remote_data, x.deleted_at,
                   ARRAY(SELECT pt.tag_name FROM page_tags pt
                         WHERE pt.account_id = x.account_id AND pt.page_id = x.id ORDER BY pt.tag_name) AS tags,
                   (SELECT min(c.id) FROM comments c
                    WHERE c.account_id = x.account_id AND c.page_id = x.id AND c.accepted AND c.deleted_at IS NULL)
                       AS accepted_answer_id
            FROM pages x
            """;

    private static final String PAGE_CONTENTS = """
            SELECT x.id, x.page_id, x.raw, x.cooked, x.url, x.created_at, x.updated_at, x.remote_data, x.deleted_at
            FROM page_contents x
            """;

    private static final String COMMENTS = """
            SELECT x.id, x.page_id, x.post_number, x.reply_to_post_number, x.raw, x.cooked, x.created_by_id,
                   x.created_by_username, x.created_by_name, x.accepted, x.like_count, x.url, x.created_at,
                   x.updated_at, x.remote_data, x.deleted_at,
                   (SELECT min(r.id) FROM comments r
                    WHERE r.account_id = x.account_id AND r.page_id = x.page_id
                      AND r.post_number = x.reply_to_post_number AND r.deleted_at IS NULL) AS reply_target_id
            FROM comments x
            """;

    private static final String TAGS = """
            SELECT x.name, x.description, x.updated_at, x.remote_data, x.deleted_at,
                   (SELECT count(*) FROM page_tags pt
                    JOIN pages p ON p.account_id = pt.account_id AND p.id = pt.page_id AND p.deleted_at IS NULL
                    WHERE pt.account_id = x.account_id AND pt.tag_name = x.name) AS page_count
            FROM tags x
            """;

    private static final String REMOTE_DATA = "x.remote_data,";
    private static final String NO_REMOTE_DATA = "NULL AS remote_data,";

    /** A collection and every collection below it, however deep; UNION stops on a cycle. */
    private static final String SUBTREE = """
            WITH RECURSIVE subtree(id) AS (
                SELECT CAST(:collection AS bigint)
                UNION
                SELECT c.id FROM collections c JOIN subtree s ON c.parent_id = s.id WHERE c.account_id = :account
            )
            """;

    private final Jdbi jdbi;

    JdbiKnowledgeReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public ItemPage list(ListQuery query) {
        ResourceTable table = ResourceTable.of(query.resource());
        StringBuilder sql = new StringBuilder();
        boolean pages = table == ResourceTable.PAGE;
        boolean byPage = table == ResourceTable.PAGE_CONTENT || table == ResourceTable.COMMENT;
        if (pages && query.collectionId() != null) {
            sql.append(SUBTREE);
        }
        sql.append(select(table, query.includeRemoteData())).append("WHERE x.account_id = :account\n");
        if (!query.includeDeleted()) {
            sql.append("AND x.deleted_at IS NULL\n");
        }
        if (query.afterKey() != null) {
            sql.append("AND x.").append(table.key).append(" > :after\n");
        }
        if (query.updatedAfter() != null) {
            // Tombstones count as changed when they were deleted.
            sql.append("AND (x.updated_at > :updatedAfter OR x.deleted_at > :updatedAfter)\n");
        }
        if (pages && query.collectionId() != null) {
            sql.append("AND x.collection_id IN (SELECT id FROM subtree)\n");
        }
        if (pages && query.tag() != null) {
            sql.append("""
                    AND EXISTS (SELECT 1 FROM page_tags t
                                WHERE t.account_id = x.account_id AND t.page_id = x.id AND t.tag_name = :tag)
                    """);
        }
        if (pages && query.text() != null && !query.text().isBlank()) {
            sql.append("""
                    AND (x.search @@ websearch_to_tsquery('english', :q)
                         OR EXISTS (SELECT 1 FROM page_contents pc
                                    WHERE pc.account_id = x.account_id AND pc.page_id = x.id AND pc.deleted_at IS NULL
                                      AND pc.search @@ websearch_to_tsquery('english', :q)))
                    """);
        }
        if (byPage && query.pageId() != null) {
            sql.append("AND x.page_id = :pageId\n");
        }
        sql.append("ORDER BY x.").append(table.key).append("\nLIMIT :limit");

        int limit = Math.max(1, query.limit());
        List<ItemView> rows = jdbi.withHandle(handle -> {
            Query q = handle.createQuery(sql.toString())
                    .bind("account", query.accountId())
                    .bind("limit", limit + 1);
            if (query.afterKey() != null) {
                if (table.numeric()) {
                    q.bind("after", ResourceTable.parseId(query.afterKey()));
                } else {
                    q.bind("after", query.afterKey());
                }
            }
            if (query.updatedAfter() != null) {
                q.bind("updatedAfter", OffsetDateTime.ofInstant(query.updatedAfter(), java.time.ZoneOffset.UTC));
            }
            if (pages && query.collectionId() != null) {
                q.bind("collection", ResourceTable.parseId(query.collectionId()));
            }
            if (pages && query.tag() != null) {
                q.bind("tag", query.tag());
            }
            if (pages && query.text() != null && !query.text().isBlank()) {
                q.bind("q", query.text());
            }
            if (byPage && query.pageId() != null) {
                q.bind("pageId", ResourceTable.parseId(query.pageId()));
            }
            return q.map((rs, ctx) -> view(table, rs)).list();
        });
        boolean hasMore = rows.size() > limit;
        return new ItemPage(hasMore ? List.copyOf(rows.subList(0, limit)) : rows, hasMore);
    }

    @Override
    public Optional<ItemView> find(long accountId, ResourceType resource, String id, boolean includeRemoteData) {
        ResourceTable table = ResourceTable.of(resource);
        Object key;
        if (table.numeric()) {
            try {
                key = Long.parseLong(id);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            key = id;
        }
        String sql = select(table, includeRemoteData) + "WHERE x.account_id = :account AND x." + table.key + " = :key";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("account", accountId)
                .bindByType("key", key, key.getClass())
                .map((rs, ctx) -> view(table, rs))
                .findOne());
    }

    @Override
    public Set<String> liveCommentIds(long accountId, String pageId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id::text FROM comments
                        WHERE account_id = :account AND page_id = :page AND deleted_at IS NULL
                        """)
                .bind("account", accountId)
                .bind("page", ResourceTable.parseId(pageId))
                .mapTo(String.class)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    @Override
    public Set<String> tombstonedPagesWithoutContent(long accountId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT p.id::text FROM pages p
                        WHERE p.account_id = :account AND p.deleted_at IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM page_contents pc WHERE pc.account_id = p.account_id
                                          AND pc.page_id = p.id AND pc.deleted_at IS NULL)
                        """)
                .bind("account", accountId)
                .mapTo(String.class)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    @Override
    public Set<String> pagesWithLiveContent(long accountId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT page_id::text FROM page_contents WHERE account_id = :account AND deleted_at IS NULL
                        """)
                .bind("account", accountId)
                .mapTo(String.class)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    @Override
    public Set<String> liveIds(long accountId, ResourceType resource) {
        ResourceTable table = ResourceTable.of(resource);
        String sql = "SELECT " + table.key + "::text FROM " + table.table
                + " WHERE account_id = :account AND deleted_at IS NULL";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("account", accountId)
                .mapTo(String.class)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    private static String select(ResourceTable table, boolean includeRemoteData) {
        String sql = switch (table) {
            case COLLECTION -> COLLECTIONS;
            case PAGE -> PAGES;
            case PAGE_CONTENT -> PAGE_CONTENTS;
            case COMMENT -> COMMENTS;
            case TAG -> TAGS;
        };
        return includeRemoteData ? sql : sql.replace(REMOTE_DATA, NO_REMOTE_DATA);
    }

    private static ItemView view(ResourceTable table, ResultSet rs) throws SQLException {
        boolean deleted = rs.getObject("deleted_at") != null;
        return switch (table) {
            case COLLECTION -> new CollectionView(new Collection(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("description"),
                    rs.getString("parent_id"),
                    Visibility.valueOf(upper(rs.getString("visibility"))),
                    rs.getInt("position"),
                    rs.getString("url"),
                    instant(rs, "updated_at"),
                    rs.getString("remote_data")), deleted, rs.getInt("page_count"));
            case PAGE -> new PageView(new Page(
                    rs.getString("id"),
                    rs.getString("title"),
                    PageStatus.valueOf(upper(rs.getString("status"))),
                    rs.getString("collection_id"),
                    Arrays.asList((String[]) rs.getArray("tags").getArray()),
                    user(rs),
                    Visibility.valueOf(upper(rs.getString("visibility"))),
                    rs.getBoolean("has_accepted_answer"),
                    new PageStats(rs.getInt("views"), rs.getInt("reply_count"), rs.getInt("like_count")),
                    rs.getString("url"),
                    instant(rs, "created_at"),
                    instant(rs, "updated_at"),
                    rs.getString("remote_data")), deleted, rs.getString("accepted_answer_id"));
            case PAGE_CONTENT -> new PageContentView(new PageContent(
                    rs.getString("id"),
                    rs.getString("page_id"),
                    rs.getString("raw"),
                    rs.getString("cooked"),
                    rs.getString("url"),
                    instant(rs, "created_at"),
                    instant(rs, "updated_at"),
                    rs.getString("remote_data")), deleted);
            case COMMENT -> comment(rs, deleted);
            case TAG -> new TagView(new Tag(
                    rs.getString("name"),
                    rs.getString("description"),
                    instant(rs, "updated_at"),
                    rs.getString("remote_data")), deleted, rs.getInt("page_count"));
        };
    }

    private static CommentView comment(ResultSet rs, boolean deleted) throws SQLException {
        int reply = rs.getInt("reply_to_post_number");
        Integer replyTo = rs.wasNull() ? null : reply;
        Comment comment = new Comment(
                rs.getString("id"),
                rs.getString("page_id"),
                rs.getInt("post_number"),
                replyTo,
                rs.getString("raw"),
                rs.getString("cooked"),
                user(rs),
                rs.getBoolean("accepted"),
                rs.getInt("like_count"),
                rs.getString("url"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("remote_data"));
        String target = rs.getString("reply_target_id");
        Map<Integer, String> live = target == null || replyTo == null ? Map.of() : Map.of(replyTo, target);
        return new CommentView(comment, deleted, CommentParent.resolve(comment.pageId(), replyTo, live));
    }

    private static UserRef user(ResultSet rs) throws SQLException {
        return new UserRef(rs.getString("created_by_id"), rs.getString("created_by_username"),
                rs.getString("created_by_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String upper(String wire) {
        return wire.toUpperCase(java.util.Locale.ROOT);
    }
}
