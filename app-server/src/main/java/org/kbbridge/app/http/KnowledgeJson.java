package org.kbbridge.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The unified models of SPEC 3.2 as JSON objects (snake_case, fields in the SPEC's order), written straight to a
 * generator: a list page goes to bytes without a map per item.
 */
public final class KnowledgeJson {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public KnowledgeJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The item as a map (for answers that add fields to it). */
    public Map<String, Object> render(ItemView view, BodyFormat format, boolean includeRemoteData) {
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            write(buffer, view, format, includeRemoteData);
            return mapper.readValue(buffer.asParser(), OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the item as one JSON object. */
    public void write(JsonGenerator g, ItemView view, BodyFormat format, boolean includeRemoteData)
            throws IOException {
        g.writeStartObject();
        if (view instanceof CollectionView v) {
            collection(g, v);
        } else if (view instanceof PageView v) {
            page(g, v);
        } else if (view instanceof PageContentView v) {
            pageContent(g, v, format);
        } else if (view instanceof CommentView v) {
            comment(g, v, format);
        } else {
            tag(g, (TagView) view);
        }
        if (includeRemoteData) {
            g.writeFieldName("remote_data");
            JsonNode remote = remoteData(view.item().remoteData());
            if (remote == null) {
                g.writeNull();
            } else {
                g.writeTree(remote);
            }
        }
        g.writeEndObject();
    }

    private static void collection(JsonGenerator g, CollectionView v) throws IOException {
        Collection c = v.item();
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("description", c.description());
        g.writeStringField("type", "category");
        ref(g, "parent", c.parentId());
        g.writeStringField("visibility", c.visibility().wire());
        g.writeNumberField("position", c.position());
        g.writeNumberField("page_count", v.pageCount());
        urls(g, c.url());
        g.writeStringField("status", status(v.deleted()));
        g.writeStringField("updated_at", time(c.updatedAt()));
    }

    private static void page(JsonGenerator g, PageView v) throws IOException {
        Page p = v.item();
        g.writeStringField("id", p.id());
        g.writeStringField("title", p.title());
        g.writeStringField("page_type", "page");
        g.writeStringField("status", v.deleted() ? PageStatus.DELETED.wire() : p.status().wire());
        ref(g, "collection", p.collectionId());
        g.writeFieldName("tags");
        List<String> tags = p.tags();
        if (tags == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (String tag : tags) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        user(g, p.createdBy());
        g.writeStringField("visibility", p.visibility().wire());
        g.writeBooleanField("has_accepted_answer", p.hasAcceptedAnswer());
        ref(g, "accepted_answer", v.acceptedAnswerId());
        g.writeObjectFieldStart("stats");
        g.writeNumberField("views", p.stats().views());
        g.writeNumberField("reply_count", p.stats().replyCount());
        g.writeNumberField("like_count", p.stats().likeCount());
        g.writeEndObject();
        urls(g, p.url());
        g.writeStringField("created_at", time(p.createdAt()));
        g.writeStringField("updated_at", time(p.updatedAt()));
    }

    private static void pageContent(JsonGenerator g, PageContentView v, BodyFormat format) throws IOException {
        PageContent c = v.item();
        g.writeStringField("id", c.id());
        g.writeNumberField("sequence", 0);
        ref(g, "page", c.pageId());
        body(g, c.raw(), c.cooked(), format);
        urls(g, c.url());
        g.writeStringField("status", status(v.deleted()));
        g.writeStringField("created_at", time(c.createdAt()));
        g.writeStringField("updated_at", time(c.updatedAt()));
    }

    private static void comment(JsonGenerator g, CommentView v, BodyFormat format) throws IOException {
        Comment c = v.item();
        g.writeStringField("id", c.id());
        ref(g, "page", c.pageId());
        g.writeObjectFieldStart("parent");
        g.writeStringField("id", v.parent().id());
        g.writeStringField("type", v.parent().type());
        g.writeEndObject();
        body(g, c.raw(), c.cooked(), format);
        user(g, c.createdBy());
        g.writeBooleanField("is_accepted_answer", c.acceptedAnswer());
        g.writeNumberField("like_count", c.likeCount());
        urls(g, c.url());
        g.writeStringField("status", status(v.deleted()));
        g.writeStringField("created_at", time(c.createdAt()));
        g.writeStringField("updated_at", time(c.updatedAt()));
    }

    private static void tag(JsonGenerator g, TagView v) throws IOException {
        Tag t = v.item();
        g.writeStringField("id", t.id());
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeNumberField("page_count", v.pageCount());
        g.writeStringField("status", status(v.deleted()));
        g.writeStringField("updated_at", time(t.updatedAt()));
    }

    private static void body(JsonGenerator g, String raw, String cooked, BodyFormat format) throws IOException {
        g.writeObjectFieldStart("body");
        g.writeStringField("format", format.wire());
        g.writeStringField("content", BodyRenderer.render(raw, cooked, format));
        g.writeEndObject();
    }

    /** {@code {"id": id}}, or null without an id. */
    private static void ref(JsonGenerator g, String field, String id) throws IOException {
        if (id == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeStringField("id", id);
        g.writeEndObject();
    }

    private static void user(JsonGenerator g, UserRef u) throws IOException {
        g.writeObjectFieldStart("created_by");
        g.writeStringField("id", u.id());
        g.writeStringField("username", u.username());
        g.writeStringField("name", u.name());
        g.writeEndObject();
    }

    private static void urls(JsonGenerator g, String url) throws IOException {
        g.writeArrayFieldStart("urls");
        if (url != null) {
            g.writeStartObject();
            g.writeStringField("url", url);
            g.writeStringField("type", "view");
            g.writeEndObject();
        }
        g.writeEndArray();
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
