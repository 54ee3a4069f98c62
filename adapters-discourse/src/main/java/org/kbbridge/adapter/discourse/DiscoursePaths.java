package org.kbbridge.adapter.discourse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.kbbridge.port.out.TopicListQuery;

/** Path and query of every Discourse read, {@code .json} included. */
final class DiscoursePaths {

    private DiscoursePaths() {
    }

    static String currentSession() {
        return "/session/current.json";
    }

    static String user(String username) {
        return "/u/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + ".json";
    }

    static String about() {
        return "/about.json";
    }

    static String site() {
        return "/site.json";
    }

    static String tags() {
        return "/tags.json";
    }

    /** Explicit {@code /l/latest}: {@code /c/{id}.json} would render the category's default view, which may be top. */
    static String topicList(TopicListQuery query) {
        String path = query.categoryId() == null ? "/latest.json" : "/c/" + query.categoryId() + "/l/latest.json";
        StringJoiner params = new StringJoiner("&", "?", "");
        params.add("page=" + Math.max(0, query.page()));
        if (query.perPage() > 0) {
            // servers that honour per_page answer 400 outside 1..100
            params.add("per_page=" + Math.min(100, query.perPage()));
        }
        if (query.order() != null && !query.order().isBlank()) {
            params.add("order=" + URLEncoder.encode(query.order(), StandardCharsets.UTF_8));
        }
        if (query.ascending()) {
            params.add("ascending=true");
        }
        return path + params;
    }

    static String latestPosts(Long before) {
        return before == null ? "/posts.json" : "/posts.json?before=" + before;
    }

    static String topic(long topicId) {
        return "/t/" + topicId + ".json?include_raw=1";
    }

    /** Brackets pre-encoded: they are not legal in a URI query as such. */
    static String topicPosts(long topicId, List<Long> postIds) {
        StringBuilder path = new StringBuilder("/t/").append(topicId).append("/posts.json?include_raw=1");
        for (Long id : postIds) {
            path.append("&post_ids%5B%5D=").append(id);
        }
        return path.toString();
    }

    static String topicPostIdsAfter(long topicId, int postNumber) {
        return "/t/" + topicId + "/post_ids.json?post_number=" + postNumber;
    }

    static String topicPostsAfter(long topicId, int postNumber) {
        return "/t/" + topicId + "/posts.json?include_raw=1&asc=true&post_number=" + postNumber;
    }
}
