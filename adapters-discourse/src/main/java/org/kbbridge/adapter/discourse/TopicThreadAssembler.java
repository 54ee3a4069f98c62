package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.port.out.TopicThread;

/**
 * Collects every post of a topic: {@code /t/{id}.json} carries only the first chunk of 20, the rest come by id
 * from {@code post_stream.stream}; mega topics (no stream) by {@code post_ids.json}, else by post-number pages.
 * The route asks {@link #nextPath()} while {@link #hasMore()}, and feeds every answer to {@link #accept(JsonNode)}.
 */
final class TopicThreadAssembler {

    /** Hard cap on follow-up requests for one topic, far above what the largest real topic needs. */
    static final int MAX_REQUESTS = 5_000;

    private enum Step { BY_IDS, POST_IDS, PAGES, DONE }

    private final SourceTopic topic;
    private final int batchSize;
    private final Map<Long, SourcePost> posts = new LinkedHashMap<>();
    private final List<Long> stream = new ArrayList<>();
    private final Deque<Long> pending = new ArrayDeque<>();
    private final Set<Long> queued = new HashSet<>();
    private Step step;
    private int requests;
    private int pageAfter;

    TopicThreadAssembler(JsonNode topicView, int batchSize) {
        this.topic = DiscourseMapper.viewTopic(topicView);
        this.batchSize = batchSize;
        addPosts(topicView);
        JsonNode postStream = topicView.path("post_stream");
        if (postStream.path("stream").isArray()) {
            for (JsonNode id : postStream.path("stream")) {
                stream.add(id.asLong());
            }
            queueMissing(stream);
            step = Step.BY_IDS;
        } else if (postStream.path("isMegaTopic").asBoolean(false) || topicView.path("isMegaTopic").asBoolean(false)
                || topic.postsCount() > posts.size()) {
            // mega topics (posts_count >= 10,000) have no stream
            posts.values().stream().sorted(Comparator.comparingInt(SourcePost::postNumber))
                    .forEach(post -> stream.add(post.id()));
            pageAfter = highestLoadedPostNumber();
            step = Step.POST_IDS;
        } else {
            step = Step.DONE;
        }
    }

    /** The loop predicate: more to fetch, and under the hard cap. */
    boolean hasMore() {
        return requests < MAX_REQUESTS && (!pending.isEmpty() || step == Step.POST_IDS || step == Step.PAGES);
    }

    String nextPath() {
        requests++;
        if (!pending.isEmpty()) {
            List<Long> batch = new ArrayList<>(batchSize);
            while (!pending.isEmpty() && batch.size() < batchSize) {
                batch.add(pending.poll());
            }
            return DiscoursePaths.topicPosts(topic.id(), batch);
        }
        if (step == Step.POST_IDS) {
            return DiscoursePaths.topicPostIdsAfter(topic.id(), pageAfter);
        }
        return DiscoursePaths.topicPostsAfter(topic.id(), pageAfter);
    }

    /** {@code answer} is null when Discourse answered 404/410 to the follow-up. */
    void accept(JsonNode answer) {
        if (step == Step.POST_IDS && pending.isEmpty() && (answer == null || answer.has("post_ids"))) {
            if (answer == null) {
                step = Step.PAGES;
                return;
            }
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : answer.path("post_ids")) {
                ids.add(id.asLong());
            }
            stream.addAll(ids);
            queueMissing(ids);
            step = Step.BY_IDS;
            return;
        }
        if (answer == null) {
            if (step == Step.PAGES) {
                step = Step.DONE;
            }
            return;
        }
        int before = posts.size();
        addPosts(answer);
        if (step == Step.PAGES) {
            int highest = highestLoadedPostNumber();
            if (posts.size() == before || highest <= pageAfter) {
                step = Step.DONE;
            } else {
                pageAfter = highest;
            }
        }
    }

    /** Posts in stream order; posts the stream does not name (mega-topic pages) by post number. */
    TopicThread result() {
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < stream.size(); i++) {
            order.putIfAbsent(stream.get(i), i);
        }
        List<SourcePost> sorted = new ArrayList<>(posts.values());
        sorted.sort(Comparator.comparing((SourcePost p) -> order.getOrDefault(p.id(), Integer.MAX_VALUE))
                .thenComparingInt(SourcePost::postNumber));
        return new TopicThread(topic, sorted);
    }

    int requests() {
        return requests;
    }

    private void addPosts(JsonNode answer) {
        for (SourcePost post : DiscourseMapper.posts(answer, topic.categoryId())) {
            posts.put(post.id(), post);
        }
    }

    private void queueMissing(List<Long> ids) {
        for (Long id : ids) {
            if (!posts.containsKey(id) && queued.add(id)) {
                pending.add(id);
            }
        }
    }

    private int highestLoadedPostNumber() {
        int highest = 0;
        for (SourcePost post : posts.values()) {
            highest = Math.max(highest, post.postNumber());
        }
        return highest;
    }
}
