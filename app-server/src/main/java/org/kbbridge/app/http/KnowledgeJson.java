package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kbbridge.domain.model.BodyFormat;
import org.kbbridge.domain.model.Collection;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.ItemStatus;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.PageStatus;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.model.UserRef;
import org.kbbridge.domain.view.CollectionView;
import org.kbbridge.domain.view.CommentView;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.domain.view.PageContentView;
import org.kbbridge.domain.view.PageView;
import org.kbbridge.domain.view.TagView;

/** The unified models of SPEC 3.2 as JSON objects (snake_case, fields in the SPEC's order). */
public final class KnowledgeJson {

    private final ObjectMapper mapper;

    public KnowledgeJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Map<String, Object> render(ItemView view, BodyFormat format, boolean includeRemoteData) {
        Map<String, Object> json;
        if (view instanceof CollectionView v) {
            json = collection(v);
        } else if (view instanceof PageView v) {
            json = page(v);
        } else if (view instanceof PageContentView v) {
            json = pageContent(v, format);
        } else if (view instanceof CommentView v) {
            json = comment(v, format);
        } else {
            json = tag((TagView) view);
        }
        if (includeRemoteData) {
            json.put("remote_data", remoteData(view.item().remoteData()));
        }
        return json;
    }

    private Map<String, Object> collection(CollectionView v) {
        Collection c = v.item();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("type", "category");
        m.put("parent", c.parentId() == null ? null : ref(c.parentId()));
        m.put("visibility", c.visibility().wire());
        m.put("position", c.position());
        m.put("page_count", v.pageCount());
        m.put("urls", urls(c.url()));
        m.put("status", status(v.deleted()));
        m.put("updated_at", time(c.updatedAt()));
        return m;
    }

    private Map<String, Object> page(PageView v) {
        Page p = v.item();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("page_type", "page");
        m.put("status", v.deleted() ? PageStatus.DELETED.wire() : p.status().wire());
        m.put("collection", p.collectionId() == null ? null : ref(p.collectionId()));
        m.put("tags", p.tags());
        m.put("created_by", user(p.createdBy()));
        m.put("visibility", p.visibility().wire());
        m.put("has_accepted_answer", p.hasAcceptedAnswer());
        m.put("accepted_answer", v.acceptedAnswerId() == null ? null : ref(v.acceptedAnswerId()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("views", p.stats().views());
        stats.put("reply_count", p.stats().replyCount());
        stats.put("like_count", p.stats().likeCount());
        m.put("stats", stats);
        m.put("urls", urls(p.url()));
        m.put("created_at", time(p.createdAt()));
        m.put("updated_at", time(p.updatedAt()));
        return m;
    }

    private Map<String, Object> pageContent(PageContentView v, BodyFormat format) {
        PageContent c = v.item();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("sequence", 0);
        m.put("page", ref(c.pageId()));
        m.put("body", body(c.raw(), c.cooked(), format));
        m.put("urls", urls(c.url()));
        m.put("status", status(v.deleted()));
        m.put("created_at", time(c.createdAt()));
        m.put("updated_at", time(c.updatedAt()));
        return m;
    }

    private Map<String, Object> comment(CommentView v, BodyFormat format) {
        Comment c = v.item();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("page", ref(c.pageId()));
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("id", v.parent().id());
        parent.put("type", v.parent().type());
        m.put("parent", parent);
        m.put("body", body(c.raw(), c.cooked(), format));
        m.put("created_by", user(c.createdBy()));
        m.put("is_accepted_answer", c.acceptedAnswer());
        m.put("like_count", c.likeCount());
        m.put("urls", urls(c.url()));
        m.put("status", status(v.deleted()));
        m.put("created_at", time(c.createdAt()));
        m.put("updated_at", time(c.updatedAt()));
        return m;
    }

    private Map<String, Object> tag(TagView v) {
        Tag t = v.item();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("description", t.description());
        m.put("page_count", v.pageCount());
        m.put("status", status(v.deleted()));
        m.put("updated_at", time(t.updatedAt()));
        return m;
    }

    private static Map<String, Object> body(String raw, String cooked, BodyFormat format) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format.wire());
        m.put("content", BodyRenderer.render(raw, cooked, format));
        return m;
    }

    private static Map<String, Object> ref(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        return m;
    }

    private static Map<String, Object> user(UserRef u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("name", u.name());
        return m;
    }

    private static List<Map<String, Object>> urls(String url) {
        if (url == null) {
            return List.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("type", "view");
        return List.of(m);
    }

    private static String status(boolean deleted) {
        return (deleted ? ItemStatus.DELETED : ItemStatus.ACTIVE).wire();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private JsonNode remoteData(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }
}
