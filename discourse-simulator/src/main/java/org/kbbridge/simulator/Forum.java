package org.kbbridge.simulator;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulated forum's whole state. Reads take the read lock, mutations the write lock; every
 * mutation bumps {@link #generation()} so cached renderings can tell they are stale.
 */
public final class Forum {
    /** The text Discourse swaps in for a reply its author deleted. */
    public static final String DELETED_BY_AUTHOR_REPLY = "(post deleted by author)";
    /** The text Discourse swaps in for a first post its author deleted. */
    public static final String DELETED_BY_AUTHOR_TOPIC = "(topic deleted by author)";
    public static final int MAX_TAGS_PER_TOPIC = 5;
    public static final int MAX_TAG_LENGTH = 20;

    /** Receives every change that Discourse would announce through a webhook. */
    public interface Listener {
        void onEvent(String eventType, String eventName, int id);
    }

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final NavigableMap<Integer, Category> categories = new TreeMap<>();
    final NavigableMap<Integer, User> users = new TreeMap<>();
    final Map<String, User> usersByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, User> usersByExternalId = new ConcurrentHashMap<>();
    final NavigableMap<Integer, Topic> topics = new TreeMap<>();
    final NavigableMap<Integer, Post> posts = new TreeMap<>();
    final NavigableMap<String, Tag> tags = new TreeMap<>();
    final Map<String, String> tagGroups = new TreeMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Supplier<Instant> clock;
    private Instant lastStamp = Instant.EPOCH;
    int nextTopicId = 1;
    int nextPostId = 1;
    int nextTagId = 1;

    Forum(Supplier<Instant> clock) {
        this.clock = clock;
    }

    public long generation() {
        return generation.get();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    void touch() {
        generation.incrementAndGet();
    }

    /** A strictly increasing timestamp with millisecond precision, as Discourse stores them. */
    Instant now() {
        Instant n = clock.get().truncatedTo(ChronoUnit.MILLIS);
        if (!n.isAfter(lastStamp)) {
            n = lastStamp.plusMillis(1);
        }
        lastStamp = n;
        return n;
    }

    void noteStamp(Instant t) {
        if (t.isAfter(lastStamp)) {
            lastStamp = t;
        }
    }

    private void emit(String type, String name, int id) {
        for (Listener l : listeners) {
            l.onEvent(type, name, id);
        }
    }

    // ---- lookups (callers hold the read lock, or accept a racy view) ----

    public Category category(int id) {
        return categories.get(id);
    }

    public Collection<Category> categories() {
        return categories.values();
    }

    public User user(int id) {
        return users.get(id);
    }

    public User userByName(String username) {
        return username == null ? null : usersByName.get(username);
    }

    public User userByExternalId(String externalId) {
        return externalId == null ? null : usersByExternalId.get(externalId);
    }

    public Collection<User> users() {
        return users.values();
    }

    public Topic topic(int id) {
        return topics.get(id);
    }

    public Collection<Topic> topics() {
        return topics.values();
    }

    public Post post(int id) {
        return posts.get(id);
    }

    public NavigableMap<Integer, Post> postsById() {
        return posts;
    }

    public Collection<Tag> tags() {
        return tags.values();
    }

    public Tag tag(String name) {
        return name == null ? null : tags.get(name.toLowerCase(Locale.ROOT));
    }

    /** Read-restricted itself or below a read-restricted parent. */
    public boolean isPrivate(Category c) {
        while (c != null) {
            if (c.readRestricted) {
                return true;
            }
            c = c.parentId == null ? null : categories.get(c.parentId);
        }
        return false;
    }

    public boolean isPrivateCategory(Integer categoryId) {
        return categoryId != null && isPrivate(categories.get(categoryId));
    }

    public List<Post> topicPosts(Topic t) {
        List<Post> out = new ArrayList<>(t.postIds.size());
        for (int id : t.postIds) {
            Post p = posts.get(id);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public Post firstPost(Topic t) {
        return t.postIds.isEmpty() ? null : posts.get(t.postIds.get(0));
    }

    /** Discourse's posts_count: live posts that are not whispers. */
    public int postsCount(Topic t) {
        int n = 0;
        for (int id : t.postIds) {
            Post p = posts.get(id);
            if (p != null && !p.trashed() && p.postType != Post.WHISPER) {
                n++;
            }
        }
        return n;
    }

    public int highestPostNumber(Topic t) {
        int h = 0;
        for (int id : t.postIds) {
            Post p = posts.get(id);
            if (p != null && p.postNumber > h) {
                h = p.postNumber;
            }
        }
        return h;
    }

    public int likeCount(Topic t) {
        int n = 0;
        for (int id : t.postIds) {
            Post p = posts.get(id);
            if (p != null && !p.trashed()) {
                n += p.likeCount;
            }
        }
        return n;
    }

    public int replyCount(Topic t) {
        return Math.max(0, postsCount(t) - 1);
    }

    public int repliesTo(Post post) {
        Topic t = topics.get(post.topicId);
        int n = 0;
        if (t == null) {
            return 0;
        }
        for (int id : t.postIds) {
            Post p = posts.get(id);
            if (p != null && !p.trashed() && p.replyToPostNumber != null && p.replyToPostNumber == post.postNumber) {
                n++;
            }
        }
        return n;
    }

    public Post lastLivePost(Topic t) {
        for (int i = t.postIds.size() - 1; i >= 0; i--) {
            Post p = posts.get(t.postIds.get(i));
            if (p != null && !p.trashed() && p.postType != Post.WHISPER) {
                return p;
            }
        }
        return firstPost(t);
    }

    /** SPEC §3.2 knowledge rule for a post. */
    public boolean isKnowledge(Post p, boolean includePrivate) {
        if (p == null || p.postType != Post.REGULAR || p.trashed() || p.hidden || p.userDeleted) {
            return false;
        }
        Topic t = topics.get(p.topicId);
        return t != null && isKnowledgeTopic(t, includePrivate);
    }

    private boolean isKnowledgeTopic(Topic t, boolean includePrivate) {
        if (t.trashed() || t.isPrivateMessage() || !t.visible) {
            return false;
        }
        return includePrivate || !isPrivateCategory(t.categoryId);
    }

    /** A topic is a page when its first post is knowledge. */
    public boolean isPage(Topic t, boolean includePrivate) {
        return isKnowledgeTopic(t, includePrivate) && isKnowledge(firstPost(t), includePrivate);
    }

    // ---- building (generator) ----

    Category addCategory(int id, String name, String description, Integer parentId, boolean restricted, int position, String color) {
        Category c = new Category(id, name, slugify(name), description, parentId, restricted, position, color);
        categories.put(id, c);
        return c;
    }

    User addUser(int id, String username, String name, boolean admin, boolean moderator, int tl, Instant createdAt) {
        User u = new User(id, username, name, admin, moderator, tl, createdAt);
        users.put(id, u);
        usersByName.put(username, u);
        return u;
    }

    void linkExternalId(User u, String externalId) {
        u.externalId = externalId;
        usersByExternalId.put(externalId, u);
    }

    Tag addTag(String name, String description) {
        Tag t = tags.get(name);
        if (t == null) {
            t = new Tag(nextTagId++, name, description);
            tags.put(name, t);
        }
        return t;
    }

    Topic addTopic(String title, Integer categoryId, int userId, Instant createdAt) {
        Topic t = new Topic(nextTopicId++, title, categoryId, userId, createdAt);
        topics.put(t.id, t);
        return t;
    }

    Post addPost(Topic t, int postType, int userId, String raw, Instant createdAt, Integer replyTo) {
        int number = highestPostNumber(t) + 1;
        Post p = new Post(nextPostId++, t.id, number, postType, userId, raw, createdAt);
        p.replyToPostNumber = replyTo;
        posts.put(p.id, p);
        t.postIds.add(p.id);
        if (postType == Post.REGULAR || postType == Post.MODERATOR_ACTION) {
            t.lastPostedAt = createdAt;
            if (createdAt.isAfter(t.bumpedAt)) {
                t.bumpedAt = createdAt;
            }
        }
        noteStamp(createdAt);
        return p;
    }

    // ---- mutations (Discourse-like side effects, webhooks) ----

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            T r = body.get();
            touch();
            return r;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Topic requireTopic(int id) {
        Topic t = topics.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no topic " + id);
        }
        return t;
    }

    private Post requirePost(int id) {
        Post p = posts.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no post " + id);
        }
        return p;
    }

    public Post newTopic(int userId, String title, String raw, Integer categoryId, List<String> tagNames) {
        Post first = write(() -> {
            Topic t = addTopic(title, categoryId, userId, now());
            if (tagNames != null) {
                t.tags.addAll(tagNames);
                tagNames.forEach(n -> addTag(n, null));
            }
            return addPost(t, Post.REGULAR, userId, raw, t.createdAt, null);
        });
        emit("topic", "topic_created", first.topicId);
        emit("post", "post_created", first.id);
        return first;
    }

    public Post newPrivateMessage(int userId, String title, String raw, List<Integer> recipients) {
        Post first = write(() -> {
            Topic t = addTopic(title, null, userId, now());
            t.archetype = "private_message";
            t.allowedUserIds.add(userId);
            t.allowedUserIds.addAll(recipients);
            return addPost(t, Post.REGULAR, userId, raw, t.createdAt, null);
        });
        emit("topic", "topic_created", first.topicId);
        emit("post", "post_created", first.id);
        return first;
    }

    public Post reply(int topicId, int userId, String raw, Integer replyToPostNumber, int postType) {
        Post p = write(() -> {
            Topic t = requireTopic(topicId);
            return addPost(t, postType, userId, raw, now(), replyToPostNumber);
        });
        emit("post", "post_created", p.id);
        return p;
    }

    public Post editPost(int postId, String raw) {
        Post p = write(() -> {
            Post x = requirePost(postId);
            x.raw = raw;
            x.updatedAt = now();
            x.version++;
            Topic t = topics.get(x.topicId);
            if (t != null && lastLivePost(t) == x && x.postType != Post.WHISPER) {
                t.bumpedAt = x.updatedAt; // Discourse bumps only for an edit of the last post
            }
            return x;
        });
        if (!topicTrashed(p.topicId)) {
            emit("post", "post_edited", p.id);
        }
        return p;
    }

    private boolean topicTrashed(int topicId) {
        Topic t = topics.get(topicId);
        return t == null || t.trashed();
    }

    /**
     * Edits post #1 together with the topic title. Discourse then sends topic_edited instead of
     * post_edited when a topic field changed.
     */
    public void editFirstPostAndTopic(int postId, String raw, String title) {
        boolean[] titleChanged = new boolean[1];
        Post p = write(() -> {
            Post x = requirePost(postId);
            Topic t = requireTopic(x.topicId);
            titleChanged[0] = title != null && !title.equals(t.title);
            if (titleChanged[0]) {
                t.title = title;
            }
            x.raw = raw;
            x.updatedAt = now();
            x.version++;
            return x;
        });
        if (topicTrashed(p.topicId)) {
            return;
        }
        if (titleChanged[0]) {
            emit("topic", "topic_edited", p.topicId);
        } else {
            emit("post", "post_edited", p.id);
        }
    }

    /**
     * Changes topic fields (null = unchanged); returns whether anything changed. Emits topic_edited
     * (Discourse sends topic_edited instead of post_edited for first-post revisions that change topic fields).
     */
    public boolean editTopic(int topicId, String title, Integer categoryId, List<String> newTags) {
        boolean changed = write(() -> {
            Topic t = requireTopic(topicId);
            boolean ch = false;
            if (title != null && !title.equals(t.title)) {
                t.title = title;
                ch = true;
            }
            if (categoryId != null && !categoryId.equals(t.categoryId)) {
                t.categoryId = categoryId;
                ch = true;
            }
            if (newTags != null && !new ArrayList<>(t.tags).equals(newTags)) {
                t.tags.clear();
                t.tags.addAll(newTags);
                newTags.forEach(n -> addTag(n, null));
                ch = true;
            }
            if (ch) {
                Post first = firstPost(t);
                if (first != null) {
                    first.updatedAt = now();
                    first.version++;
                }
            }
            return ch;
        });
        if (changed && !topicTrashed(topicId)) {
            emit("topic", "topic_edited", topicId);
        }
        return changed;
    }

    public void retag(int topicId, List<String> newTags) {
        editTopic(topicId, null, null, newTags);
    }

    /** Trashes a post; trashing post #1 trashes the topic, as PostDestroyer does. */
    public void trashPost(int postId) {
        Post p = posts.get(postId);
        if (p == null) {
            throw new IllegalArgumentException("no post " + postId);
        }
        if (p.postNumber == 1) {
            trashTopic(p.topicId);
            return;
        }
        write(() -> {
            p.deletedAt = now();
            p.updatedAt = p.deletedAt;
            Topic t = topics.get(p.topicId);
            if (t != null) {
                t.acceptedPostIds.remove((Integer) p.id);
            }
            return p;
        });
        emit("post", "post_destroyed", postId);
    }

    public void trashTopic(int topicId) {
        write(() -> {
            Topic t = requireTopic(topicId);
            Instant n = now();
            t.deletedAt = n;
            Post first = firstPost(t);
            if (first != null) {
                first.deletedAt = n;
                first.updatedAt = n;
            }
            return t;
        });
        emit("topic", "topic_destroyed", topicId);
    }

    /** The author deletes their own post: the raw becomes a placeholder, deleted_at stays null. */
    public void authorDelete(int postId) {
        Post p = write(() -> {
            Post x = requirePost(postId);
            x.userDeleted = true;
            x.raw = x.postNumber == 1 ? DELETED_BY_AUTHOR_TOPIC : DELETED_BY_AUTHOR_REPLY;
            x.updatedAt = now();
            x.version++;
            if (x.postNumber == 1) {
                Topic t = topics.get(x.topicId);
                if (t != null) {
                    t.closed = true;
                }
            }
            return x;
        });
        emit("post", "post_edited", p.id);
    }

    public void hidePost(int postId, boolean hidden) {
        Post p = write(() -> {
            Post x = requirePost(postId);
            x.hidden = hidden;
            x.updatedAt = now();
            return x;
        });
        emit("post", "post_edited", p.id);
    }

    /**
     * Moves a post to the end of another topic: it keeps its id but gets a new topic and number; a
     * moved first post is re-created with a new id. No webhook, as with PostMover. Returns the post now in the target.
     */
    public Post movePost(int postId, int toTopicId) {
        return write(() -> {
            Post p = requirePost(postId);
            Topic from = requireTopic(p.topicId);
            Topic to = requireTopic(toTopicId);
            int number = highestPostNumber(to) + 1;
            if (p.postNumber == 1) {
                Post copy = new Post(nextPostId++, to.id, number, p.postType, p.userId, p.raw, p.createdAt);
                copy.updatedAt = now();
                posts.put(copy.id, copy);
                to.postIds.add(copy.id);
                return copy;
            }
            from.postIds.remove((Integer) p.id);
            from.acceptedPostIds.remove((Integer) p.id);
            p.topicId = to.id;
            p.postNumber = number;
            p.replyToPostNumber = null;
            p.updatedAt = now();
            to.postIds.add(p.id);
            return p;
        });
    }

    public void acceptAnswer(int postId, boolean allowMultiple) {
        Post p = write(() -> {
            Post x = requirePost(postId);
            Topic t = requireTopic(x.topicId);
            if (!allowMultiple) {
                t.acceptedPostIds.clear();
            }
            if (!t.acceptedPostIds.contains(x.id)) {
                t.acceptedPostIds.add(x.id);
            }
            return x;
        });
        emit("solved", "accepted_solution", p.id);
    }

    public void unacceptAnswer(int postId) {
        Post p = write(() -> {
            Post x = requirePost(postId);
            requireTopic(x.topicId).acceptedPostIds.remove((Integer) x.id);
            return x;
        });
        emit("solved", "unaccepted_solution", p.id);
    }

    public void setClosed(int topicId, boolean closed) {
        write(() -> requireTopic(topicId).closed = closed);
        emit("topic", "topic_closed_status_updated", topicId);
    }

    public void setArchived(int topicId, boolean archived) {
        write(() -> requireTopic(topicId).archived = archived);
        emit("topic", "topic_archived_status_updated", topicId);
    }

    public void setVisible(int topicId, boolean visible) {
        write(() -> requireTopic(topicId).visible = visible);
        emit("topic", "topic_visible_status_updated", topicId);
    }

    public void setCategoryPrivate(int categoryId, boolean restricted) {
        write(() -> {
            Category c = categories.get(categoryId);
            if (c == null) {
                throw new IllegalArgumentException("no category " + categoryId);
            }
            c.readRestricted = restricted;
            return c;
        });
    }

    public Tag ensureTag(String name) {
        return write(() -> addTag(name, null));
    }

    // ---- helpers ----

    /** DiscourseTagging.clean_tag: lowercase, whitespace to '-', forbidden characters removed, length cut. */
    public static String cleanTag(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        s = s.replaceAll("[/?#\\[\\]@!$&'()*+,;=.%\\\\`^|{}\"<>]+", "");
        s = s.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return s.length() > MAX_TAG_LENGTH ? s.substring(0, MAX_TAG_LENGTH) : s;
    }

    public static List<String> cleanTags(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String c = cleanTag(n);
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    public static String slugify(String title) {
        String s = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "topic" : s;
    }
}
