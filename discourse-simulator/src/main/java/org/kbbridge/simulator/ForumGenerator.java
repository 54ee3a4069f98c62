package org.kbbridge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a realistic forum from (seed, topics, posts). The same inputs always give the same forum, and
 * every forum carries the edge cases a sync must survive (see {@link #generate}).
 */
final class ForumGenerator {
    /** Generated content ends here, so a seed gives the same timestamps on every run. */
    static final Instant ANCHOR = Instant.parse("2025-06-01T12:00:00Z");
    private static final long SPAN_MS = Duration.ofDays(730).toMillis();

    private static final String[] VERBS = {"configure", "upgrade", "debug", "install", "migrate", "back up", "restore", "tune", "secure", "monitor", "deploy", "reset"};
    private static final String[] NOUNS = {"the mail server", "a reverse proxy", "the plugin cache", "SSO login", "the search index", "webhooks", "rate limits", "the Docker image", "user groups", "the backup job", "category permissions", "the API client"};
    private static final String[] CONTEXTS = {"on Ubuntu 22.04", "behind nginx", "after the last update", "in a multisite setup", "with PostgreSQL 15", "on a small VPS", "for a large community", "without downtime"};
    private static final String[] SENTENCES = {
        "I followed the official guide but something still does not work as expected.",
        "The logs show a timeout after roughly thirty seconds.",
        "Restarting the container did not change anything.",
        "Has anyone seen this behaviour before?",
        "Here is what I tried so far, step by step.",
        "It works for admins but not for regular users.",
        "Thanks in advance for any pointers!",
        "The documentation mentions a site setting for this, but I cannot find it.",
        "We have about twenty thousand users and the problem appears only under load.",
        "This used to work on the previous release."};
    private static final String[] ANSWERS = {
        "You need to rebuild the container after changing the setting.",
        "Check the site setting first; it is off by default.",
        "This is a known issue and it is fixed in the latest release.",
        "Try clearing the cache and running the job again.",
        "Make sure the API key has the right scopes.",
        "That worked for me, thanks!",
        "Same problem here, following this topic.",
        "Could you post the full error message?",
        "I would recommend using the official install script instead."};
    private static final String[] TAGS = {"howto", "bug", "feature", "installation", "performance", "security", "question", "release", "docs", "api", "mobile", "desktop", "email", "sso"};
    private static final String[][] USERS = {
        {"alice", "Alice Anderson"}, {"bob", "Bob Brown"}, {"carol", null}, {"dave", "Dave Dupont"},
        {"erin", "Erin Ó Briain"}, {"frank", "Frank Fischer"}, {"grace", "Grace Hopper"}, {"heidi", null},
        {"ivan", "Иван Петров"}, {"judy", "Judy Jensen"}, {"mallory", "Mallory Mayer"}, {"zoe", "Zoë Łukasiewicz"}};

    private final Random rnd;
    private final SimulatorConfig cfg;
    private final Forum forum;
    private final List<DraftTopic> drafts = new ArrayList<>();
    private final List<Integer> regularUsers = new ArrayList<>();

    private static final class DraftPost {
        int type = Post.REGULAR;
        int userId;
        String raw;
        Instant created;
        Integer replyTo;
        boolean hidden;
        boolean trashed;
        boolean userDeleted;
        boolean accepted;
        boolean edited;
        String actionCode;
        int likes;
    }

    private static final class DraftTopic {
        String title;
        Integer category;
        Instant created;
        String archetype = "regular";
        boolean pinnedGlobally;
        boolean pinned;
        boolean visible = true;
        boolean closed;
        boolean archived;
        boolean trashed;
        List<Integer> allowed = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<DraftPost> posts = new ArrayList<>();
        int views;
    }

    ForumGenerator(SimulatorConfig cfg, Forum forum) {
        this.cfg = cfg;
        this.forum = forum;
        this.rnd = new Random(cfg.seed);
    }

    void generate() {
        users();
        categories();
        for (String t : TAGS) {
            forum.addTag(t, t.equals("howto") ? "Step-by-step guides" : null);
        }
        forum.tagGroups.put("Platforms", "mobile,desktop");
        int budget = Math.max(cfg.posts, 0);
        budget -= specialTopics(budget);
        int normal = Math.max(0, cfg.topics - drafts.size());
        normalTopics(normal, Math.max(budget, normal));
        materialize();
    }

    private void users() {
        Instant early = ANCHOR.minusMillis(SPAN_MS + Duration.ofDays(30).toMillis());
        forum.addUser(-1, "system", "system", true, true, 4, early);
        forum.addUser(1, "admin", "Site Admin", true, false, 4, early);
        forum.addUser(2, "mod_maria", "Maria Moderator", false, true, 4, early);
        int id = 3;
        int count = Math.max(USERS.length, cfg.topics / 4);
        for (int i = 0; i < count; i++) {
            String username;
            String name;
            if (i < USERS.length) {
                username = USERS[i][0];
                name = USERS[i][1];
            } else {
                username = "user" + i;
                name = rnd.nextInt(5) == 0 ? null : "User Number " + i;
            }
            forum.addUser(id, username, name, false, false, 1 + rnd.nextInt(3), early.plusSeconds(i * 3600L));
            regularUsers.add(id);
            id++;
        }
        if (forum.userByName(cfg.apiUsername) == null) {
            forum.addUser(id++, cfg.apiUsername, null, true, false, 4, early);
        }
        for (String u : cfg.userApiKeys.values()) {
            if (forum.userByName(u) == null) {
                forum.addUser(id++, u, null, false, false, 1, early);
            }
        }
        for (User u : forum.users()) {
            if (u.id > 0) {
                forum.linkExternalId(u, "sso-" + (1000 + u.id));
            }
        }
    }

    private void categories() {
        forum.addCategory(1, "Uncategorized", "Topics that don't need a category, or don't fit into any other existing category.", null, false, 0, "0088CC");
        forum.addCategory(2, "General", "General discussion about anything related to the product.", null, false, 1, "25AAE2");
        forum.addCategory(3, "Support", "Ask for help with installation and configuration.", null, false, 2, "F7941D");
        forum.addCategory(4, "Installation", "Getting it running.", 3, false, 3, "F7941D");
        forum.addCategory(5, "Troubleshooting", "When something breaks.", 3, false, 4, "F7941D");
        forum.addCategory(6, "Announcements", "Release notes and news. Ünïcödé welcome ✓", null, false, 5, "BF1E2E").defaultView = "top";
        forum.addCategory(7, "Staff", "Private category for staff members.", null, true, 6, "283890");
        forum.addCategory(8, "Staff Notes", null, 7, true, 7, "283890");
        forum.addCategory(9, "Ideas & Feedback", "Feature requests.", null, false, 8, "652D90");
    }

    private int user() {
        return regularUsers.get(rnd.nextInt(regularUsers.size()));
    }

    private Instant randomTime(Instant after) {
        long from = after.toEpochMilli();
        long to = ANCHOR.toEpochMilli();
        if (to - from < 1000) {
            return after.plusMillis(1 + rnd.nextInt(1000));
        }
        return Instant.ofEpochMilli(from + (long) (rnd.nextDouble() * (to - from)));
    }

    private String title() {
        return "How do I " + VERBS[rnd.nextInt(VERBS.length)] + " " + NOUNS[rnd.nextInt(NOUNS.length)] + " " + CONTEXTS[rnd.nextInt(CONTEXTS.length)] + "?";
    }

    private String body() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(SENTENCES[rnd.nextInt(SENTENCES.length)]).append(' ');
        }
        if (rnd.nextInt(4) == 0) {
            sb.append("\n\n```\n./launcher rebuild app\n```\n");
        }
        if (rnd.nextInt(5) == 0) {
            sb.append("\n\n* first step\n* second step\n");
        }
        return sb.toString().trim();
    }

    private String answer() {
        return ANSWERS[rnd.nextInt(ANSWERS.length)] + " " + SENTENCES[rnd.nextInt(SENTENCES.length)];
    }

    private DraftTopic topic(String title, int category, Instant created) {
        DraftTopic t = new DraftTopic();
        t.title = title;
        t.category = category;
        t.created = created;
        t.views = 10 + rnd.nextInt(3000);
        drafts.add(t);
        DraftPost first = new DraftPost();
        first.userId = user();
        first.raw = body();
        first.created = created;
        t.posts.add(first);
        return t;
    }

    private DraftPost reply(DraftTopic t, int type) {
        DraftPost last = t.posts.get(t.posts.size() - 1);
        DraftPost p = new DraftPost();
        p.type = type;
        p.userId = type == Post.REGULAR ? user() : 2;
        p.raw = type == Post.REGULAR ? answer() : "";
        p.created = randomTimeAfter(last.created);
        p.likes = rnd.nextInt(4) == 0 ? rnd.nextInt(6) : 0;
        if (type == Post.REGULAR && t.posts.size() > 1 && rnd.nextInt(3) == 0) {
            p.replyTo = 1 + rnd.nextInt(t.posts.size()); // may point at another reply
        }
        p.edited = rnd.nextInt(10) == 0;
        t.posts.add(p);
        return p;
    }

    private Instant randomTimeAfter(Instant last) {
        long left = ANCHOR.toEpochMilli() - last.toEpochMilli();
        long step = left <= 2000 ? 1 + rnd.nextInt(1000) : 1 + (long) (rnd.nextDouble() * Math.min(left / 8.0, Duration.ofDays(20).toMillis()));
        return last.plusMillis(step);
    }

    private void replies(DraftTopic t, int n) {
        for (int i = 0; i < n; i++) {
            reply(t, Post.REGULAR);
        }
    }

    private Instant daysAgo(int d) {
        return ANCHOR.minus(Duration.ofDays(d)).plusMillis(rnd.nextInt(3_600_000));
    }

    /** The edge cases every forum has; returns the posts they used. */
    private int specialTopics(int budget) {
        DraftTopic pinnedGlobal = topic("Welcome to the community — please read first", 6, daysAgo(700));
        pinnedGlobal.pinnedGlobally = true;
        pinnedGlobal.pinned = true;
        pinnedGlobal.posts.get(0).userId = 1;
        replies(pinnedGlobal, 2);

        DraftTopic pinnedCat = topic("Support guidelines: how to ask a good question", 3, daysAgo(650));
        pinnedCat.pinned = true;
        pinnedCat.tags.add("howto");
        replies(pinnedCat, 1);

        DraftTopic longTopic = topic("Long discussion: the best way to run backups", 2, daysAgo(400));
        longTopic.tags.add("performance");
        replies(longTopic, 44);
        longTopic.posts.get(4).accepted = true;
        longTopic.posts.get(7).replyTo = 5;
        longTopic.posts.get(9).replyTo = 8;

        if (budget >= cfg.bigTopicMinPosts) {
            DraftTopic big = topic("Megathread: share your setup", 2, daysAgo(500));
            replies(big, 1004);
        }

        DraftTopic special = topic("Mail delivery fails after upgrade: every kind of post", 5, daysAgo(300));
        special.tags.add("bug");
        special.tags.add("email");
        replies(special, 2);
        DraftPost whisper = reply(special, Post.WHISPER);
        whisper.raw = "Staff whisper: this is the same bug as last month.";
        DraftPost hidden = reply(special, Post.REGULAR);
        hidden.hidden = true;
        hidden.raw = "Buy cheap watches at example.com";
        DraftPost trashed = reply(special, Post.REGULAR);
        trashed.trashed = true;
        trashed.raw = "This reply was trashed by a moderator.";
        DraftPost byAuthor = reply(special, Post.REGULAR);
        byAuthor.userDeleted = true;
        byAuthor.raw = Forum.DELETED_BY_AUTHOR_REPLY;
        DraftPost accepted = reply(special, Post.REGULAR);
        accepted.raw = "Set the SMTP port to 587 and enable STARTTLS; that fixed it.";
        accepted.accepted = true;
        DraftPost nested = reply(special, Post.REGULAR);
        nested.replyTo = special.posts.size() - 1;
        nested.raw = "Confirmed, port 587 works here too.";
        DraftPost mod = reply(special, Post.MODERATOR_ACTION);
        mod.raw = "Please keep this topic on mail delivery.";
        DraftPost small = reply(special, Post.SMALL_ACTION);
        small.actionCode = "closed.enabled";
        special.closed = true;

        DraftTopic pm = topic("Private question about my account", 2, daysAgo(200));
        pm.category = null;
        pm.archetype = "private_message";
        pm.posts.get(0).userId = regularUsers.get(0);
        pm.allowed.add(regularUsers.get(0));
        pm.allowed.add(regularUsers.get(1));
        reply(pm, Post.REGULAR).userId = regularUsers.get(1);

        DraftTopic unlisted = topic("Unlisted draft of the release notes", 6, daysAgo(150));
        unlisted.visible = false;
        replies(unlisted, 1);

        DraftTopic archived = topic("Archived: old installation instructions", 4, daysAgo(600));
        archived.archived = true;
        archived.tags.add("installation");
        replies(archived, 1);

        DraftTopic trashedTopic = topic("Spam topic that was removed by staff", 2, daysAgo(100));
        trashedTopic.trashed = true;
        replies(trashedTopic, 1);

        DraftTopic staff = topic("Staff only: moderation roster for next month", 7, daysAgo(90));
        staff.posts.get(0).userId = 2;
        replies(staff, 2);
        DraftTopic staffNote = topic("Staff note: spam wave handling checklist", 8, daysAgo(80));
        staffNote.posts.get(0).userId = 1;
        replies(staffNote, 1);

        DraftTopic unicode = topic("Ünïcödé: 日本語のトピック — émojis 🎉 and «quotes»", 2, daysAgo(70));
        unicode.posts.get(0).raw = "Grüße aus Köln! 你好，世界。 Emoji: 🎉🚀 — and a math sign: ∑.";
        replies(unicode, 2);

        DraftTopic authorGone = topic("Question the author deleted afterwards", 5, daysAgo(60));
        authorGone.posts.get(0).userDeleted = true;
        authorGone.posts.get(0).raw = Forum.DELETED_BY_AUTHOR_TOPIC;
        authorGone.closed = true;
        replies(authorGone, 1);

        DraftTopic hiddenFirst = topic("Flagged topic with a hidden first post", 2, daysAgo(50));
        hiddenFirst.posts.get(0).hidden = true;

        DraftTopic solved = topic("Troubleshooting: 502 Bad Gateway after rebuild", 5, daysAgo(40));
        solved.tags.add("bug");
        solved.tags.add("installation");
        replies(solved, 3);
        solved.posts.get(2).accepted = true;
        solved.posts.get(3).replyTo = 3;

        DraftTopic uncategorized = topic("Old question nobody answered in uncategorized", 1, daysAgo(720));
        uncategorized.views = 3;

        int used = 0;
        for (DraftTopic t : drafts) {
            used += t.posts.size();
        }
        return used;
    }

    private void normalTopics(int n, int postBudget) {
        if (n == 0) {
            return;
        }
        int[] cats = {1, 2, 2, 2, 3, 4, 5, 5, 6, 9, 9, 7};
        int[] counts = new int[n];
        int left = postBudget - n;
        for (int i = 0; i < n; i++) {
            counts[i] = 1;
        }
        while (left > 0) {
            int i = rnd.nextInt(n);
            int add = Math.min(left, 1 + rnd.nextInt(Math.max(1, Math.min(12, left))));
            if (counts[i] + add > 18) {
                add = Math.max(1, 18 - counts[i]);
                if (counts[i] >= 18) {
                    i = rnd.nextInt(n);
                }
            }
            counts[i] += add;
            left -= add;
        }
        for (int i = 0; i < n; i++) {
            DraftTopic t = topic(title(), cats[rnd.nextInt(cats.length)], ANCHOR.minusMillis((long) (rnd.nextDouble() * SPAN_MS)));
            int tagCount = rnd.nextInt(4);
            for (int k = 0; k < tagCount; k++) {
                String tag = TAGS[rnd.nextInt(TAGS.length)];
                if (!t.tags.contains(tag)) {
                    t.tags.add(tag);
                }
            }
            replies(t, counts[i] - 1);
            if (t.posts.size() > 2 && rnd.nextInt(4) == 0) {
                t.posts.get(1 + rnd.nextInt(t.posts.size() - 1)).accepted = true;
            }
            if (rnd.nextInt(25) == 0) {
                t.closed = true;
            }
        }
    }

    private void materialize() {
        drafts.sort(Comparator.comparing(t -> t.created));
        Map<DraftTopic, Topic> topicOf = new IdentityHashMap<>();
        record Entry(DraftTopic topic, DraftPost post, int order) {
        }
        List<Entry> all = new ArrayList<>();
        int order = 0;
        for (DraftTopic d : drafts) {
            Topic t = forum.addTopic(d.title, d.category, d.posts.get(0).userId, d.created);
            t.archetype = d.archetype;
            t.views = d.views;
            t.visible = d.visible;
            t.closed = d.closed;
            t.archived = d.archived;
            t.pinned = d.pinned;
            t.pinnedGlobally = d.pinnedGlobally;
            if (d.pinned) {
                t.pinnedAt = d.created.plusSeconds(60);
            }
            t.allowedUserIds.addAll(d.allowed);
            t.tags.addAll(d.tags);
            topicOf.put(d, t);
            for (DraftPost p : d.posts) {
                all.add(new Entry(d, p, order++));
            }
        }
        all.sort(Comparator.comparing((Entry e) -> e.post().created).thenComparingInt(Entry::order));
        for (Entry e : all) {
            DraftPost d = e.post();
            Topic t = topicOf.get(e.topic());
            Post p = forum.addPost(t, d.type, d.userId, d.raw, d.created, d.replyTo);
            p.hidden = d.hidden;
            p.userDeleted = d.userDeleted;
            p.actionCode = d.actionCode;
            p.likeCount = d.likes;
            p.reads = 1 + rnd.nextInt(200);
            if (d.edited || d.userDeleted) {
                p.updatedAt = d.created.plusSeconds(600 + rnd.nextInt(86_400));
                p.version = 2;
                forum.noteStamp(p.updatedAt);
            }
            if (d.trashed) {
                p.deletedAt = d.created.plusSeconds(3600);
                p.updatedAt = p.deletedAt;
            }
            if (d.accepted) {
                t.acceptedPostIds.add(p.id);
            }
        }
        for (DraftTopic d : drafts) {
            if (d.trashed) {
                Topic t = topicOf.get(d);
                t.deletedAt = t.lastPostedAt.plusSeconds(7200);
                forum.firstPost(t).deletedAt = t.deletedAt;
            }
        }
    }
}
