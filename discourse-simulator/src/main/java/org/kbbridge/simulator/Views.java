package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders forum state as Discourse's serializers shape it. Callers hold the forum's read lock. */
final class Views {
    enum PostMode { TOPIC_VIEW, LATEST, SINGLE, CREATED, WEBHOOK }

    private final Forum f;
    private final Switches sw;
    private final SimulatorConfig cfg;
    private final ObjectNode siteTemplate = Json.template("site");
    private final ObjectNode userTemplate = Json.template("user");
    private final ObjectNode siteCategoryTemplate = Json.template("site_category");
    private final ObjectNode listCategoryTemplate = Json.template("list_category");

    Views(Forum f, Switches sw, SimulatorConfig cfg) {
        this.f = f;
        this.sw = sw;
        this.cfg = cfg;
    }

    /**
     * A topic's posts_count and reply counts by post number, as of one forum generation: counting them
     * per rendered post walked the whole topic each time, quadratic in a 1,000-post topic.
     */
    private record TopicCounts(long generation, int postsCount, Map<Integer, Integer> repliesByNumber) {
    }

    private final Map<Integer, TopicCounts> topicCounts = new java.util.concurrent.ConcurrentHashMap<>();

    private TopicCounts counts(Topic t) {
        long gen = f.generation();
        TopicCounts c = topicCounts.get(t.id);
        if (c == null || c.generation() != gen) {
            Map<Integer, Integer> replies = new java.util.HashMap<>();
            for (Post p : f.topicPosts(t)) {
                if (!p.trashed() && p.replyToPostNumber != null) {
                    replies.merge(p.replyToPostNumber, 1, Integer::sum);
                }
            }
            c = new TopicCounts(gen, f.postsCount(t), replies);
            topicCounts.put(t.id, c);
        }
        return c;
    }

    private int postsCount(Topic t) {
        return counts(t).postsCount();
    }

    private int repliesTo(Post p) {
        Topic t = f.topic(p.topicId);
        return t == null ? 0 : counts(t).repliesByNumber().getOrDefault(p.postNumber, 0);
    }

    // ---- posts ----

    ObjectNode post(Post p, Viewer v, PostMode mode, boolean includeRaw) {
        User u = f.user(p.userId);
        Topic t = f.topic(p.topicId);
        boolean staff = v.staff() || mode == PostMode.WEBHOOK;
        boolean yours = v.user() != null && v.user().id == p.userId;
        boolean hideBody = p.hidden && !staff && !yours;
        ObjectNode o = Json.obj();
        o.put("id", p.id);
        o.put("name", u.name);
        o.put("username", u.username);
        o.put("avatar_template", u.avatarTemplate());
        o.put("created_at", Json.ts(p.createdAt));
        o.put("cooked", hideBody ? "<p>This post was flagged by the community and is temporarily hidden.</p>" : Json.cook(p.raw));
        o.put("post_number", p.postNumber);
        o.put("post_type", p.postType);
        if (mode != PostMode.TOPIC_VIEW) {
            o.put("posts_count", t == null ? 0 : postsCount(t));
        }
        o.put("updated_at", Json.ts(p.updatedAt));
        o.put("reply_count", repliesTo(p));
        if (p.replyToPostNumber == null) {
            o.putNull("reply_to_post_number");
        } else {
            o.put("reply_to_post_number", p.replyToPostNumber);
        }
        o.put("quote_count", 0);
        o.put("incoming_link_count", 0);
        o.put("reads", p.reads);
        o.put("readers_count", Math.max(0, p.reads - 1));
        o.put("score", p.reads * 0.2 + p.likeCount * 15);
        o.put("yours", yours);
        o.put("topic_id", p.topicId);
        o.put("topic_slug", t == null ? "topic" : t.slug());
        if (mode == PostMode.LATEST || mode == PostMode.WEBHOOK) {
            o.put("topic_title", t == null ? "" : t.title);
            o.put("topic_html_title", t == null ? "" : Json.escape(t.title));
            if (t == null || t.categoryId == null) {
                o.putNull("category_id");
            } else {
                o.put("category_id", t.categoryId);
            }
        }
        o.put("display_username", u.name);
        o.putNull("primary_group_name");
        o.putNull("flair_name");
        o.putNull("flair_url");
        o.putNull("flair_bg_color");
        o.putNull("flair_color");
        o.putNull("flair_group_id");
        o.putArray("badges_granted");
        o.put("version", p.version);
        o.put("can_edit", staff || yours);
        o.put("can_delete", staff || yours);
        o.put("can_recover", staff && p.trashed());
        o.put("can_see_hidden_post", staff);
        o.put("can_wiki", staff);
        if (mode == PostMode.TOPIC_VIEW) {
            o.put("read", true);
        }
        o.putNull("user_title");
        o.put("bookmarked", false);
        boolean raw = includeRaw || mode == PostMode.LATEST || mode == PostMode.SINGLE || mode == PostMode.CREATED || mode == PostMode.WEBHOOK;
        if (raw && !hideBody) {
            o.put("raw", p.raw);
        }
        ArrayNode actions = o.putArray("actions_summary");
        if (p.likeCount > 0) {
            ObjectNode like = actions.addObject();
            like.put("id", 2);
            like.put("count", p.likeCount);
            like.put("can_act", v.user() != null && !yours);
        }
        o.put("moderator", u.moderator);
        o.put("admin", u.admin);
        o.put("staff", u.staff());
        o.put("user_id", u.id);
        if (mode == PostMode.CREATED) {
            o.put("draft_sequence", 0);
        }
        o.put("hidden", p.hidden);
        if (p.hidden) {
            o.put("hidden_reason_id", 1);
        }
        o.put("trust_level", u.trustLevel);
        o.put("deleted_at", Json.ts(p.deletedAt));
        if (p.deletedAt != null && staff) {
            o.putNull("deleted_by");
        }
        o.put("user_deleted", p.userDeleted);
        o.putNull("edit_reason");
        o.put("can_view_edit_history", true);
        o.put("wiki", false);
        if (p.actionCode != null) {
            o.put("action_code", p.actionCode);
        }
        if (mode == PostMode.LATEST) {
            o.put("excerpt", Json.excerpt(p.raw, 200));
            o.put("truncated", p.raw.length() > 200);
        }
        o.putNull("reviewable_id");
        o.put("reviewable_score_count", 0);
        o.put("reviewable_score_pending_count", 0);
        o.put("post_url", "/t/" + (t == null ? "topic" : t.slug()) + "/" + p.topicId + "/" + p.postNumber);
        if (mode == PostMode.SINGLE || mode == PostMode.CREATED) {
            o.putArray("mentioned_users");
        }
        if (mode == PostMode.WEBHOOK && t != null) {
            o.put("topic_posts_count", postsCount(t));
            o.put("topic_filtered_posts_count", postsCount(t));
            o.put("topic_archetype", t.archetype);
            Category c = t.categoryId == null ? null : f.category(t.categoryId);
            if (c == null) {
                o.putNull("category_slug");
            } else {
                o.put("category_slug", c.slug);
            }
        }
        if (t != null && mode != PostMode.CREATED) {
            boolean accepted = t.acceptedPostIds.contains(p.id);
            o.put("accepted_answer", accepted);
            o.put("topic_accepted_answer", !t.acceptedPostIds.isEmpty());
            o.put("can_accept_answer", staff && !accepted && p.postNumber > 1 && p.postType == Post.REGULAR);
            o.put("can_unaccept_answer", staff && accepted);
        }
        return o;
    }

    /** /posts.json items never differ per viewer except for "yours"; cached per forum generation. */
    byte[] latestPostBytes(Post p, Viewer v) {
        boolean yours = v.user() != null && v.user().id == p.userId;
        if (yours || v.staff()) {
            return Json.bytes(post(p, v, PostMode.LATEST, true));
        }
        long gen = f.generation();
        byte[] b = p.latestJson;
        if (b == null || p.latestJsonGeneration != gen) {
            b = Json.bytes(post(p, v, PostMode.LATEST, true));
            p.latestJson = b;
            p.latestJsonGeneration = gen;
        }
        return b;
    }

    /** The staff rendering is cached separately, since nearly every API client is an admin key. */
    private final Map<Integer, byte[]> staffLatest = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long staffLatestGen = -1;

    byte[] latestPostBytesStaff(Post p, Viewer v) {
        if (v.user() != null && v.user().id == p.userId) {
            return Json.bytes(post(p, v, PostMode.LATEST, true));
        }
        long gen = f.generation();
        if (staffLatestGen != gen) {
            staffLatest.clear();
            staffLatestGen = gen;
        }
        return staffLatest.computeIfAbsent(p.id, id -> Json.bytes(post(p, v, PostMode.LATEST, true)));
    }

    // ---- tags ----

    void putTags(ObjectNode o, Topic t) {
        ArrayNode arr = o.putArray("tags");
        for (String name : t.tags) {
            if (sw.tagsAsObjects) {
                Tag tag = f.tag(name);
                ObjectNode x = arr.addObject();
                x.put("id", tag == null ? 0 : tag.id);
                x.put("name", name);
                x.put("slug", name);
            } else {
                arr.add(name);
            }
        }
        ObjectNode desc = o.putObject("tags_descriptions");
        for (String name : t.tags) {
            Tag tag = f.tag(name);
            if (tag != null && tag.description != null) {
                desc.put(name, tag.description);
            }
        }
    }

    // ---- topic lists ----

    ObjectNode topicListItem(Topic t, Viewer v, Map<Integer, User> users) {
        ObjectNode o = Json.obj();
        Post first = f.firstPost(t);
        Post last = f.lastLivePost(t);
        o.put("id", t.id);
        o.put("title", t.title);
        o.put("fancy_title", Json.escape(t.title));
        o.put("slug", t.slug());
        o.put("posts_count", f.postsCount(t));
        o.put("reply_count", f.replyCount(t));
        o.put("highest_post_number", f.highestPostNumber(t));
        o.putNull("image_url");
        o.put("created_at", Json.ts(t.createdAt));
        o.put("last_posted_at", Json.ts(t.lastPostedAt));
        o.put("bumped", t.bumpedAt.isAfter(t.createdAt));
        o.put("bumped_at", Json.ts(t.bumpedAt));
        o.put("archetype", t.archetype);
        o.put("unseen", false);
        o.put("pinned", t.pinned || t.pinnedGlobally);
        o.putNull("unpinned");
        o.put("excerpt", first == null ? "" : Json.excerpt(first.raw, 220));
        o.put("visible", t.visible);
        o.put("closed", t.closed);
        o.put("archived", t.archived);
        o.putNull("bookmarked");
        o.putNull("liked");
        putTags(o, t);
        o.put("views", t.views);
        o.put("like_count", f.likeCount(t));
        o.put("has_summary", false);
        User lastUser = f.user(last == null ? t.userId : last.userId);
        o.put("last_poster_username", lastUser.username);
        if (t.categoryId == null) {
            o.putNull("category_id");
        } else {
            o.put("category_id", t.categoryId);
        }
        o.put("pinned_globally", t.pinnedGlobally);
        o.putNull("featured_link");
        o.put("has_accepted_answer", !t.acceptedPostIds.isEmpty());
        ArrayNode posters = o.putArray("posters");
        User op = f.user(t.userId);
        users.put(op.id, op);
        ObjectNode p1 = posters.addObject();
        boolean sameLast = lastUser.id == op.id;
        p1.put("extras", sameLast ? "latest single" : null);
        p1.put("description", sameLast ? "Original Poster, Most Recent Poster" : "Original Poster");
        p1.put("user_id", op.id);
        p1.putNull("primary_group_id");
        if (!sameLast) {
            users.put(lastUser.id, lastUser);
            ObjectNode p2 = posters.addObject();
            p2.put("extras", "latest");
            p2.put("description", "Most Recent Poster");
            p2.put("user_id", lastUser.id);
            p2.putNull("primary_group_id");
        }
        return o;
    }

    enum ListKind { LATEST, CATEGORY, TAG, FILTER }

    ObjectNode topicList(List<Topic> topics, Viewer v, int perPage, String moreTopicsUrl, ListKind kind) {
        ObjectNode root = Json.obj();
        Map<Integer, User> users = new LinkedHashMap<>();
        ArrayNode items = Json.arr();
        for (Topic t : topics) {
            items.add(topicListItem(t, v, users));
        }
        ArrayNode us = root.putArray("users");
        for (User u : users.values()) {
            ObjectNode x = us.addObject();
            x.put("id", u.id);
            x.put("username", u.username);
            x.put("name", u.name);
            x.put("avatar_template", u.avatarTemplate());
            if (u.admin) {
                x.put("admin", true);
            }
            if (u.moderator) {
                x.put("moderator", true);
            }
            if (kind == ListKind.CATEGORY) {
                x.remove("admin");
                x.remove("moderator");
            }
        }
        root.putArray("primary_groups");
        ObjectNode tl = root.putObject("topic_list");
        tl.put("can_create_topic", v.user() != null);
        if (moreTopicsUrl != null) {
            tl.put("more_topics_url", moreTopicsUrl);
        }
        if (kind != ListKind.CATEGORY) {
            tl.putNull("draft");
            tl.put("draft_key", "new_topic");
            tl.put("draft_sequence", 0);
        }
        tl.put("per_page", perPage);
        if (kind == ListKind.CATEGORY) {
            ArrayNode top = tl.putArray("top_tags");
            for (Tag tag : topTags(v, 5)) {
                ObjectNode x = top.addObject();
                x.put("id", tag.id);
                x.put("name", tag.name);
                x.put("slug", tag.name);
            }
        }
        tl.set("topics", items);
        return root;
    }

    // ---- topic view ----

    ObjectNode topicView(Topic t, Viewer v, List<Post> stream, List<Post> chunk, boolean includeRaw) {
        ObjectNode o = Json.obj();
        ObjectNode ps = o.putObject("post_stream");
        ArrayNode posts = ps.putArray("posts");
        for (Post p : chunk) {
            posts.add(post(p, v, PostMode.TOPIC_VIEW, includeRaw));
        }
        int postsCount = f.postsCount(t);
        boolean mega = postsCount >= cfg.megaTopicThreshold;
        if (mega) {
            ps.put("isMegaTopic", true);
            ps.put("lastId", stream.isEmpty() ? 0 : stream.get(stream.size() - 1).id);
        } else {
            ArrayNode ids = ps.putArray("stream");
            for (Post p : stream) {
                ids.add(p.id);
            }
            ArrayNode tl = o.putArray("timeline_lookup");
            long days = Math.max(0, Duration.between(t.createdAt, Instant.now()).toDays());
            tl.addArray().add(1).add(days);
        }
        o.putArray("suggested_topics");
        putTags(o, t);
        o.put("id", t.id);
        o.put("title", t.title);
        o.put("fancy_title", Json.escape(t.title));
        o.put("posts_count", postsCount);
        o.put("created_at", Json.ts(t.createdAt));
        o.put("views", t.views);
        o.put("reply_count", f.replyCount(t));
        o.put("like_count", f.likeCount(t));
        o.put("last_posted_at", Json.ts(t.lastPostedAt));
        o.put("visible", t.visible);
        o.put("closed", t.closed);
        o.put("archived", t.archived);
        o.put("has_summary", false);
        o.put("archetype", t.archetype);
        o.put("slug", t.slug());
        if (t.categoryId == null) {
            o.putNull("category_id");
        } else {
            o.put("category_id", t.categoryId);
        }
        o.putNull("word_count");
        o.put("deleted_at", Json.ts(t.deletedAt));
        o.put("user_id", t.userId);
        o.putNull("featured_link");
        o.put("pinned_globally", t.pinnedGlobally);
        o.put("pinned_at", Json.ts(t.pinnedAt));
        o.putNull("pinned_until");
        o.putNull("image_url");
        o.put("slow_mode_seconds", 0);
        o.putNull("draft");
        o.put("draft_key", "topic_" + t.id);
        o.put("draft_sequence", 0);
        o.putNull("unpinned");
        o.put("pinned", t.pinned || t.pinnedGlobally);
        o.put("current_post_number", chunk.isEmpty() ? 1 : chunk.get(0).postNumber);
        o.put("highest_post_number", f.highestPostNumber(t));
        o.putNull("deleted_by");
        boolean hasDeleted = false;
        for (Post p : f.topicPosts(t)) {
            hasDeleted |= p.trashed();
        }
        o.put("has_deleted", hasDeleted && v.staff());
        ArrayNode as = o.putArray("actions_summary");
        for (int id : new int[] {4, 8, 10, 7}) {
            ObjectNode a = as.addObject();
            a.put("id", id);
            a.put("count", 0);
            a.put("hidden", false);
            a.put("can_act", v.user() != null);
        }
        o.put("chunk_size", 20);
        o.put("bookmarked", false);
        o.putArray("bookmarks");
        o.putNull("topic_timer");
        o.put("message_bus_last_id", 0);
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (Post p : stream) {
            counts.merge(p.userId, 1, Integer::sum);
        }
        o.put("participant_count", counts.size());
        o.put("show_read_indicator", false);
        o.putNull("thumbnails");
        o.putNull("slow_mode_enabled_until");
        putSolved(o, t);
        ObjectNode d = o.putObject("details");
        boolean staff = v.staff();
        d.put("can_edit", staff);
        d.put("notification_level", 1);
        d.put("can_move_posts", staff);
        d.put("can_delete", staff);
        d.put("can_remove_allowed_users", staff);
        d.put("can_create_post", v.user() != null && !t.closed && !t.archived);
        d.put("can_reply_as_new_topic", v.user() != null);
        d.put("can_flag_topic", v.user() != null);
        d.put("can_convert_topic", staff);
        d.put("can_review_topic", staff);
        d.put("can_close_topic", staff);
        d.put("can_archive_topic", staff);
        d.put("can_split_merge_topic", staff);
        d.put("can_edit_staff_notes", staff);
        d.put("can_toggle_topic_visibility", staff);
        d.put("can_pin_unpin_topic", staff);
        d.put("can_moderate_category", staff);
        d.put("can_remove_self_id", v.user() == null ? 0 : v.user().id);
        ArrayNode parts = d.putArray("participants");
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            User u = f.user(e.getKey());
            ObjectNode x = parts.addObject();
            x.put("id", u.id);
            x.put("username", u.username);
            x.put("name", u.name);
            x.put("avatar_template", u.avatarTemplate());
            x.put("post_count", e.getValue());
            x.putNull("primary_group_name");
            x.putNull("flair_name");
            x.putNull("flair_url");
            x.putNull("flair_color");
            x.putNull("flair_bg_color");
            x.putNull("flair_group_id");
            x.put("admin", u.admin);
            x.put("moderator", u.moderator);
            x.put("trust_level", u.trustLevel);
        }
        d.set("created_by", basicUser(f.user(t.userId)));
        Post last = f.lastLivePost(t);
        d.set("last_poster", basicUser(f.user(last == null ? t.userId : last.userId)));
        return o;
    }

    private void putSolved(ObjectNode o, Topic t) {
        o.put("has_accepted_answer", !t.acceptedPostIds.isEmpty());
        if (sw.solvedMultiple) {
            ArrayNode arr = o.putArray("accepted_answers");
            for (int id : t.acceptedPostIds) {
                Post p = f.post(id);
                if (p == null) {
                    continue;
                }
                User u = f.user(p.userId);
                ObjectNode a = arr.addObject();
                a.put("id", p.id);
                a.put("username", u.username);
                a.put("avatar_template", u.avatarTemplate());
                a.put("created_at", Json.ts(p.createdAt));
                a.put("cooked", Json.cook(p.raw));
                a.put("post_number", p.postNumber);
                a.put("topic_id", p.topicId);
                a.put("url", "/t/" + t.slug() + "/" + t.id + "/" + p.postNumber);
            }
        } else if (!t.acceptedPostIds.isEmpty()) {
            Post p = f.post(t.acceptedPostIds.get(0));
            if (p != null) {
                User u = f.user(p.userId);
                ObjectNode a = o.putObject("accepted_answer");
                a.put("post_number", p.postNumber);
                a.put("username", u.username);
                a.put("name", u.name);
                a.put("excerpt", Json.excerpt(p.raw, 300));
            }
        }
    }

    ObjectNode topicWebhookPayload(Topic t) {
        Viewer system = new Viewer(f.user(-1));
        List<Post> stream = new ArrayList<>();
        for (Post p : f.topicPosts(t)) {
            if (!p.trashed()) {
                stream.add(p);
            }
        }
        ObjectNode o = topicView(t, system, stream, List.of(), false);
        o.remove(List.of("post_stream", "timeline_lookup", "details", "suggested_topics"));
        o.set("created_by", basicUser(f.user(t.userId)));
        Post last = f.lastLivePost(t);
        o.set("last_poster", basicUser(f.user(last == null ? t.userId : last.userId)));
        return o;
    }

    ObjectNode basicUser(User u) {
        ObjectNode x = Json.obj();
        x.put("id", u.id);
        x.put("username", u.username);
        x.put("name", u.name);
        x.put("avatar_template", u.avatarTemplate());
        return x;
    }

    // ---- site, categories, tags, users ----

    private int topicCount(Category c) {
        int n = 0;
        for (Topic t : f.topics()) {
            if (!t.trashed() && !t.isPrivateMessage() && t.categoryId != null && t.categoryId == c.id) {
                n++;
            }
        }
        return n;
    }

    private int postCount(Category c) {
        int n = 0;
        for (Topic t : f.topics()) {
            if (!t.trashed() && !t.isPrivateMessage() && t.categoryId != null && t.categoryId == c.id) {
                n += f.postsCount(t);
            }
        }
        return n;
    }

    private List<Category> children(Category c, Viewer v) {
        List<Category> out = new ArrayList<>();
        for (Category x : f.categories()) {
            if (x.parentId != null && x.parentId == c.id && v.canSeeCategory(f, x.id)) {
                out.add(x);
            }
        }
        return out;
    }

    ObjectNode siteCategory(Category c, Viewer v) {
        ObjectNode o = siteCategoryTemplate.deepCopy();
        fillCategory(o, c, v);
        if (c.parentId != null) {
            o.put("parent_category_id", c.parentId);
        } else {
            o.remove("parent_category_id");
        }
        o.put("can_edit", v.admin());
        o.remove("custom_fields");
        o.putArray("form_template_ids");
        return o;
    }

    private void fillCategory(ObjectNode o, Category c, Viewer v) {
        o.put("id", c.id);
        o.put("name", c.name);
        o.put("color", c.color);
        o.put("text_color", "FFFFFF");
        o.put("style_type", "square");
        o.put("slug", c.slug);
        o.put("topic_count", topicCount(c));
        o.put("post_count", postCount(c));
        o.put("position", c.position);
        o.put("description", c.description == null ? null : "<p>" + Json.escape(c.description) + "</p>");
        o.put("description_text", c.description);
        o.put("description_excerpt", c.description == null ? null : Json.escape(c.description));
        o.put("topic_url", "/t/about-the-" + c.slug + "-category/" + (1000 + c.id));
        o.put("read_restricted", c.readRestricted);
        o.put("permission", v.user() == null ? null : 1);
        o.put("notification_level", 1);
        List<Category> kids = children(c, v);
        o.put("has_children", !kids.isEmpty());
        o.put("subcategory_count", kids.isEmpty() ? null : kids.size());
        o.put("show_subcategory_list", false);
        o.put("num_featured_topics", 3);
        o.put("default_view", c.defaultView);
        o.put("subcategory_list_style", "rows_with_featured_topics");
        o.put("default_top_period", "all");
        o.put("default_list_filter", "all");
        o.put("minimum_required_tags", 0);
        o.put("navigate_to_first_post_after_read", false);
        if (o.has("allow_global_tags")) {
            o.put("allow_global_tags", false);
        }
    }

    ObjectNode listCategory(Category c, Viewer v, boolean includeSub) {
        ObjectNode o = listCategoryTemplate.deepCopy();
        fillCategory(o, c, v);
        o.put("can_edit", v.admin());
        int count = topicCount(c);
        o.put("topics_day", 0);
        o.put("topics_week", 0);
        o.put("topics_month", 0);
        o.put("topics_year", count);
        o.put("topics_all_time", count);
        o.put("is_uncategorized", c.id == 1);
        ArrayNode ids = o.putArray("subcategory_ids");
        List<Category> kids = children(c, v);
        kids.forEach(k -> ids.add(k.id));
        if (includeSub) {
            ArrayNode sub = o.putArray("subcategory_list");
            kids.forEach(k -> sub.add(listCategory(k, v, true)));
        } else {
            o.remove("subcategory_list");
        }
        return o;
    }

    ObjectNode site(Viewer v) {
        ObjectNode o = siteTemplate.deepCopy();
        ArrayNode cats = o.putArray("categories");
        for (Category c : f.categories()) {
            if (v.canSeeCategory(f, c.id)) {
                cats.add(siteCategory(c, v));
            }
        }
        ArrayNode groups = o.putArray("groups");
        String[] names = {"admins", "moderators", "staff", "trust_level_0", "trust_level_1"};
        for (int i = 0; i < names.length; i++) {
            ObjectNode g = groups.addObject();
            g.put("id", i + 1);
            g.put("name", names[i]);
            g.putNull("flair_url");
            g.putNull("flair_bg_color");
            g.putNull("flair_color");
            g.put("automatic", true);
        }
        ArrayNode top = o.putArray("top_tags");
        for (Tag t : topTags(v, 10)) {
            ObjectNode x = top.addObject();
            x.put("id", t.id);
            x.put("name", t.name);
            x.put("slug", t.name);
        }
        o.put("can_create_tag", v.staff());
        o.put("can_tag_topics", v.user() != null);
        o.put("can_tag_pms", v.staff());
        return o;
    }

    List<Tag> topTags(Viewer v, int n) {
        Map<String, Integer> counts = tagCounts(v);
        List<Tag> out = new ArrayList<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(n).forEach(e -> out.add(f.tag(e.getKey())));
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    Map<String, Integer> tagCounts(Viewer v) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Topic t : f.topics()) {
            if (t.trashed() || t.isPrivateMessage() || !v.canSeeCategory(f, t.categoryId)) {
                continue;
            }
            for (String tag : t.tags) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        return counts;
    }

    ObjectNode tags(Viewer v) {
        Map<String, Integer> counts = tagCounts(v);
        ObjectNode o = Json.obj();
        ArrayNode arr = o.putArray("tags");
        for (Tag t : f.tags()) {
            Integer c = counts.get(t.name);
            if (c == null && !v.admin()) {
                continue; // non-admins only get tags used in regular topics
            }
            ObjectNode x = arr.addObject();
            if (sw.tagsAsObjects) {
                x.put("id", t.id);
            } else {
                x.put("id", t.name);
            }
            x.put("text", t.name);
            x.put("name", t.name);
            x.put("slug", t.name);
            x.put("description", t.description);
            x.put("count", c == null ? 0 : c);
            x.put("pm_only", false);
            x.putNull("target_tag");
        }
        o.putObject("extras").putArray("categories");
        return o;
    }

    static final int LIST_LIMIT = 51;

    /** GET /tags/list.json: tags by lower-cased name, LIST_LIMIT a page; staff see every tag (no hidden tags here). */
    ObjectNode listTags(Viewer v, int page, String filter) {
        Map<String, Integer> counts = tagCounts(v);
        String needle = filter == null ? null : filter.toLowerCase(Locale.ROOT);
        List<Tag> matching = new ArrayList<>();
        for (Tag t : f.tags()) {
            if (needle == null || t.name.toLowerCase(Locale.ROOT).contains(needle)) {
                matching.add(t);
            }
        }
        matching.sort(Comparator.comparing((Tag t) -> t.name.toLowerCase(Locale.ROOT)));
        ObjectNode o = Json.obj();
        ArrayNode arr = o.putArray("list_tags");
        long from = (long) page * LIST_LIMIT;
        for (int i = (int) Math.min(from, matching.size()); i < Math.min(from + LIST_LIMIT, matching.size()); i++) {
            Tag t = matching.get(i);
            ObjectNode x = arr.addObject();
            x.put("id", t.id);
            x.put("name", t.name);
            x.put("slug", t.name);
            x.put("topic_count", counts.getOrDefault(t.name, 0));
            x.put("staff", false);
            x.put("description", t.description);
        }
        String more = "/tags/list.json?offset=" + (page + 1)
                + (filter == null ? "" : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        o.putObject("meta").put("total_rows_list_tags", matching.size()).put("load_more_list_tags", more);
        return o;
    }

    /** One backup file, the smallest list Discourse's OpenAPI schema for /admin/backups.json allows (minItems 1). */
    ArrayNode backups() {
        ArrayNode arr = Json.arr();
        arr.addObject()
                .put("filename", "discourse-2026-01-05-033000-v20251218000000.tar.gz")
                .put("size", 17_830_912)
                .put("last_modified", "2026-01-05T03:30:14.000Z");
        return arr;
    }

    ObjectNode tagGroups() {
        ObjectNode o = Json.obj();
        ArrayNode arr = o.putArray("tag_groups");
        int id = 1;
        for (Map.Entry<String, String> e : f.tagGroups.entrySet()) {
            ObjectNode g = arr.addObject();
            g.put("id", id++);
            g.put("name", e.getKey());
            ArrayNode ts = g.putArray("tags");
            for (String n : e.getValue().split(",")) {
                Tag t = f.tag(n);
                if (t != null) {
                    ts.addObject().put("id", t.id).put("name", t.name).put("slug", t.name);
                }
            }
            g.putArray("parent_tag");
            g.put("one_per_topic", false);
            g.putObject("permissions").put("everyone", 1);
        }
        return o;
    }

    ObjectNode user(User u, Viewer v) {
        ObjectNode o = userTemplate.deepCopy();
        ObjectNode x = (ObjectNode) o.get("user");
        x.put("id", u.id);
        x.put("username", u.username);
        x.put("name", u.name);
        x.put("avatar_template", u.avatarTemplate());
        x.put("created_at", Json.ts(u.createdAt));
        x.put("trust_level", u.trustLevel);
        x.put("moderator", u.moderator);
        x.put("admin", u.admin);
        x.put("can_edit", v.admin());
        x.put("system_avatar_template", u.avatarTemplate());
        int topics = 0;
        int posts = 0;
        Instant lastPosted = null;
        for (Topic t : f.topics()) {
            if (t.userId == u.id && !t.trashed() && !t.isPrivateMessage()) {
                topics++;
            }
        }
        for (Post p : f.postsById().values()) {
            if (p.userId == u.id && !p.trashed()) {
                posts++;
                lastPosted = p.createdAt;
            }
        }
        x.put("topic_count", topics);
        x.put("post_count", posts);
        x.put("last_posted_at", Json.ts(lastPosted));
        x.put("last_seen_at", Json.ts(lastPosted));
        ObjectNode ft = x.putObject("featured_topic");
        ft.put("id", 0).put("title", "").put("fancy_title", "").put("slug", "").put("posts_count", 0);
        ((ObjectNode) x.get("user_option")).put("user_id", u.id);
        x.put("user_api_keys", (String) null);
        return o;
    }

    ObjectNode about(Viewer v) {
        int topics = 0;
        int posts = 0;
        for (Topic t : f.topics()) {
            if (v.listsTopic(f, t)) {
                topics++;
                posts += f.postsCount(t);
            }
        }
        ObjectNode o = Json.obj();
        ObjectNode a = o.putObject("about");
        a.put("title", "Simulated Discourse");
        a.put("description", "A fake Discourse for kb-bridge tests");
        a.put("version", "3.5.0.beta1-sim");
        a.put("https", false);
        a.put("can_see_about_stats", true);
        ObjectNode s = a.putObject("stats");
        s.put("topics_count", topics);
        s.put("posts_count", posts);
        s.put("users_count", f.users().size());
        s.put("topics_7_days", 0).put("topics_30_days", 0).put("posts_7_days", 0).put("posts_30_days", 0);
        s.put("topic_count", topics);
        s.put("post_count", posts);
        s.put("user_count", f.users().size());
        a.putArray("admins");
        a.putArray("moderators");
        a.put("category_moderators", (String) null);
        return o;
    }

    ObjectNode currentUser(User u) {
        ObjectNode o = Json.obj();
        ObjectNode c = o.putObject("current_user");
        c.put("id", u.id);
        c.put("username", u.username);
        c.put("name", u.name);
        c.put("avatar_template", u.avatarTemplate());
        c.put("admin", u.admin);
        c.put("moderator", u.moderator);
        c.put("staff", u.staff());
        c.put("trust_level", u.trustLevel);
        c.put("can_create_topic", true);
        c.put("can_create_tag", u.staff() || sw.canCreateTags.contains(u.username));
        return o;
    }

    static <T> List<T> page(Collection<T> all, int offset, int limit) {
        List<T> out = new ArrayList<>();
        int i = 0;
        for (T x : all) {
            if (i >= offset && out.size() < limit) {
                out.add(x);
            }
            i++;
        }
        return out;
    }
}
