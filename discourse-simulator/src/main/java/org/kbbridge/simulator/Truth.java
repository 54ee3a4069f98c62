package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The unified view (SPEC §3.2) a correct sync must end with, computed from the simulator's own state. */
final class Truth {
    private Truth() {
    }

    static ObjectNode compute(Forum f, boolean includePrivate) {
        f.lock.readLock().lock();
        try {
            return build(f, includePrivate);
        } finally {
            f.lock.readLock().unlock();
        }
    }

    private static ObjectNode build(Forum f, boolean inc) {
        ObjectNode root = Json.obj();
        ArrayNode collections = root.putArray("collections");
        ArrayNode pages = root.putArray("pages");
        ArrayNode contents = root.putArray("page_content");
        ArrayNode comments = root.putArray("comments");
        ArrayNode tags = root.putArray("tags");

        List<Topic> pageTopics = new ArrayList<>();
        for (Topic t : f.topics()) {
            if (f.isPage(t, inc)) {
                pageTopics.add(t);
            }
        }
        Map<Integer, Integer> pagesPerCategory = new HashMap<>();
        Map<String, Integer> pagesPerTag = new HashMap<>();
        for (Topic t : pageTopics) {
            if (t.categoryId != null) {
                pagesPerCategory.merge(t.categoryId, 1, Integer::sum);
            }
            for (String tag : t.tags) {
                pagesPerTag.merge(tag, 1, Integer::sum);
            }
        }
        for (Category c : f.categories()) {
            boolean priv = f.isPrivate(c);
            if (priv && !inc) {
                continue;
            }
            ObjectNode o = collections.addObject();
            o.put("id", String.valueOf(c.id));
            o.put("name", c.name);
            o.put("description", c.description);
            o.put("type", "category");
            if (c.parentId == null) {
                o.putNull("parent");
            } else {
                o.putObject("parent").put("id", String.valueOf(c.parentId));
            }
            o.put("visibility", priv ? "private" : "public");
            o.put("position", c.position);
            o.put("page_count", pagesPerCategory.getOrDefault(c.id, 0));
            o.put("status", "active");
        }
        for (Topic t : pageTopics) {
            Post first = f.firstPost(t);
            User author = f.user(t.userId);
            ObjectNode p = pages.addObject();
            p.put("id", String.valueOf(t.id));
            p.put("title", t.title);
            p.put("page_type", "page");
            p.put("status", t.closed || t.archived ? "archived" : "published");
            p.putObject("collection").put("id", t.categoryId == null ? null : String.valueOf(t.categoryId));
            ArrayNode tn = p.putArray("tags");
            t.tags.stream().sorted().forEach(tn::add);
            p.set("created_by", userRef(author));
            p.put("visibility", f.isPrivateCategory(t.categoryId) ? "private" : "public");
            List<Integer> accepted = new ArrayList<>();
            for (int id : t.acceptedPostIds) {
                if (f.isKnowledge(f.post(id), inc)) {
                    accepted.add(id);
                }
            }
            p.put("has_accepted_answer", !accepted.isEmpty());
            if (accepted.isEmpty()) {
                p.putNull("accepted_answer");
            } else {
                p.putObject("accepted_answer").put("id", String.valueOf(accepted.get(0)));
            }
            ObjectNode stats = p.putObject("stats");
            stats.put("views", t.views);
            stats.put("reply_count", f.replyCount(t));
            stats.put("like_count", f.likeCount(t));
            p.put("created_at", Json.ts(t.createdAt));

            ObjectNode c = contents.addObject();
            c.put("id", String.valueOf(first.id));
            c.put("sequence", 0);
            c.putObject("page").put("id", String.valueOf(t.id));
            body(c, first.raw);
            c.put("created_at", Json.ts(first.createdAt));
            c.put("updated_at", Json.ts(first.updatedAt));
            c.put("status", "active");
        }
        sortById(pages);
        sortById(contents);

        List<ObjectNode> commentList = new ArrayList<>();
        for (Topic t : pageTopics) {
            Map<Integer, Post> byNumber = new HashMap<>();
            for (Post p : f.topicPosts(t)) {
                byNumber.put(p.postNumber, p);
            }
            for (Post p : f.topicPosts(t)) {
                if (p.postNumber == 1 || !f.isKnowledge(p, inc)) {
                    continue;
                }
                ObjectNode o = Json.obj();
                o.put("id", String.valueOf(p.id));
                o.putObject("page").put("id", String.valueOf(t.id));
                Post target = p.replyToPostNumber == null ? null : byNumber.get(p.replyToPostNumber);
                ObjectNode parent = o.putObject("parent");
                if (target == null || target.postNumber == 1 || !f.isKnowledge(target, inc)) {
                    parent.put("id", String.valueOf(t.id));
                    parent.put("type", "page");
                } else {
                    parent.put("id", String.valueOf(target.id));
                    parent.put("type", "comment");
                }
                body(o, p.raw);
                o.set("created_by", userRef(f.user(p.userId)));
                o.put("is_accepted_answer", t.acceptedPostIds.contains(p.id));
                o.put("like_count", p.likeCount);
                o.put("created_at", Json.ts(p.createdAt));
                o.put("updated_at", Json.ts(p.updatedAt));
                o.put("status", "active");
                commentList.add(o);
            }
        }
        commentList.sort((a, b) -> Long.compare(Long.parseLong(a.get("id").asText()), Long.parseLong(b.get("id").asText())));
        commentList.forEach(comments::add);

        for (Tag tag : f.tags()) {
            ObjectNode o = tags.addObject();
            o.put("id", tag.name);
            o.put("name", tag.name);
            o.put("description", tag.description);
            o.put("page_count", pagesPerTag.getOrDefault(tag.name, 0));
            o.put("status", "active");
        }
        return root;
    }

    private static void body(ObjectNode o, String raw) {
        ObjectNode b = o.putObject("body");
        b.put("format", "markdown");
        b.put("content", raw);
    }

    private static ObjectNode userRef(User u) {
        ObjectNode o = Json.obj();
        o.put("id", String.valueOf(u.id));
        o.put("username", u.username);
        o.put("name", u.name);
        return o;
    }

    private static void sortById(ArrayNode arr) {
        List<ObjectNode> l = new ArrayList<>();
        arr.forEach(n -> l.add((ObjectNode) n));
        l.sort((a, b) -> Long.compare(Long.parseLong(a.get("id").asText()), Long.parseLong(b.get("id").asText())));
        arr.removeAll();
        l.forEach(arr::add);
    }
}
