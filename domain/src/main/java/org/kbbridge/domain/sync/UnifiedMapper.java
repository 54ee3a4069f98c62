package org.kbbridge.domain.sync;

import java.time.Instant;
import org.kbbridge.domain.model.Collection;
import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.PageContent;
import org.kbbridge.domain.model.PageStats;
import org.kbbridge.domain.model.PageStatus;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.model.UserRef;
import org.kbbridge.domain.model.Visibility;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.source.SourceUser;

/** Turns what Discourse reports into the unified model, with links back to the forum. */
public final class UnifiedMapper {

    private final String baseUrl;

    public UnifiedMapper(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public Collection collection(SourceCategory c, CategoryTree tree) {
        return new Collection(Long.toString(c.id()), c.name(), blankToNull(c.descriptionText()),
                c.parentId() == null ? null : Long.toString(c.parentId()),
                tree.isPrivate(c.id()) ? Visibility.PRIVATE : Visibility.PUBLIC, c.position(),
                baseUrl + "/c/" + slug(c.slug()) + "/" + c.id(), null, c.json());
    }

    public Page page(SourceTopic t, CategoryTree tree) {
        Visibility visibility = t.categoryId() != null && tree.isPrivate(t.categoryId())
                ? Visibility.PRIVATE : Visibility.PUBLIC;
        PageStatus status = t.closed() || t.archived() ? PageStatus.ARCHIVED : PageStatus.PUBLISHED;
        Instant updatedAt = t.lastPostedAt() != null ? t.lastPostedAt() : t.createdAt();
        return new Page(Long.toString(t.id()), t.title(), status,
                t.categoryId() == null ? null : Long.toString(t.categoryId()), t.tags(), user(t.createdBy()),
                visibility, t.hasAcceptedAnswer(), new PageStats(t.views(), t.replyCount(), t.likeCount()),
                topicUrl(t.slug(), t.id()), t.createdAt(), updatedAt, t.json());
    }

    public PageContent pageContent(SourcePost p) {
        return new PageContent(Long.toString(p.id()), Long.toString(p.topicId()), p.raw(), p.cooked(),
                topicUrl(p.topicSlug(), p.topicId()), p.createdAt(), p.updatedAt(), p.json());
    }

    public Comment comment(SourcePost p) {
        return new Comment(Long.toString(p.id()), Long.toString(p.topicId()), p.postNumber(),
                p.replyToPostNumber(), p.raw(), p.cooked(), user(p.author()), p.acceptedAnswer(), p.likeCount(),
                topicUrl(p.topicSlug(), p.topicId()) + "/" + p.postNumber(), p.createdAt(), p.updatedAt(),
                p.json());
    }

    public Tag tag(SourceTag t) {
        return new Tag(t.name(), blankToNull(t.description()), null, t.json());
    }

    private String topicUrl(String slug, long topicId) {
        return baseUrl + "/t/" + slug(slug) + "/" + topicId;
    }

    private static UserRef user(SourceUser u) {
        return u == null ? new UserRef(null, null, null) : new UserRef(Long.toString(u.id()), u.username(), u.name());
    }

    private static String slug(String slug) {
        return slug == null || slug.isBlank() ? "-" : slug;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
