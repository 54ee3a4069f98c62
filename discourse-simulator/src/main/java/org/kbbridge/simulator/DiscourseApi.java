package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The Discourse endpoints: routing and the read/write handlers. */
final class DiscourseApi {
    static final int TOPIC_CHUNK = 20;
    static final int LATEST_POSTS_PAGE = 50;
    static final int DEFAULT_PER_PAGE = 30;
    private static final long MEMO_MILLIS = 120_000;

    private final Forum f;
    private final Views views;
    private final Switches sw;
    private final Map<String, Memo> memo = new ConcurrentHashMap<>();

    private record Memo(long at, Response response) {
    }

    DiscourseApi(Forum f, Views views, Switches sw) {
        this.f = f;
        this.views = views;
        this.sw = sw;
    }

    /** Names the route (for stats) before any checks run. */
    static String routeOf(Request r) {
        String[] s = r.seg;
        String m = r.method + " ";
        if (s.length == 0) {
            return m + "/";
        }
        switch (s[0]) {
            case "t":
                if (s.length >= 3 && s[2].equals("posts")) {
                    return m + "/t/{id}/posts.json";
                }
                if (s.length >= 3 && s[2].equals("post_ids")) {
                    return m + "/t/{id}/post_ids.json";
                }
                if (s.length >= 3 && s[2].equals("tags")) {
                    return m + "/t/{id}/tags";
                }
                return m + (s.length >= 2 && s[1].equals("-") ? "/t/-/{id}.json" : "/t/{id}.json");
            case "posts":
                return m + (s.length == 1 ? "/posts.json" : "/posts/{id}.json");
            case "c":
                return m + (r.path.contains("/l/") ? "/c/{slug}/{id}/l/latest.json" : "/c/{slug}/{id}.json");
            case "tag":
                return m + "/tag/{name}.json";
            case "u":
                return m + "/u/{username}.json";
            case "solution":
                return m + "/solution/" + (s.length > 1 ? s[1] : "");
            default:
                return m + r.path + (r.path.startsWith("/__sim") ? "" : ".json");
        }
    }

    Response handle(Request r) {
        String[] s = r.seg;
        if (s.length == 0) {
            return Response.notFound();
        }
        boolean get = r.method.equals("GET");
        f.lock.readLock().lock();
        boolean readLocked = true;
        try {
            if (get) {
                switch (s[0]) {
                    case "site":
                        return s.length == 1 ? Response.json(views.site(r.viewer)) : Response.notFound();
                    case "categories":
                        if (s.length == 1) {
                            return categories(r);
                        }
                        if (s.length == 2 && s[1].equals("find")) {
                            return findCategories(r);
                        }
                        return Response.notFound();
                    case "about":
                        return Response.json(views.about(r.viewer));
                    case "session":
                        if (s.length == 2 && s[1].equals("current")) {
                            return r.viewer.user() == null ? Response.notFound() : Response.json(views.currentUser(r.viewer.user()));
                        }
                        return Response.notFound();
                    case "latest":
                        return topicList(r, null, false, null, "/latest", false);
                    case "c":
                        return category(r);
                    case "tag":
                        return tagList(r);
                    case "tags":
                        if (s.length == 2 && s[1].equals("list")) {
                            return listTags(r);
                        }
                        return s.length == 1 ? Response.json(views.tags(r.viewer)) : Response.notFound();
                    case "tag_groups":
                        return Response.json(views.tagGroups());
                    case "admin":
                        return s.length == 2 && s[1].equals("backups") ? Response.json(views.backups()) : Response.notFound();
                    case "t":
                        return topic(r);
                    case "posts":
                        if (s.length == 1) {
                            return latestPosts(r);
                        }
                        return singlePost(r);
                    case "search":
                        return search(r);
                    case "filter":
                        return filter(r);
                    case "u":
                    case "users":
                        return user(r);
                    default:
                        return Response.notFound();
                }
            }
            f.lock.readLock().unlock();
            readLocked = false;
            if (r.viewer.user() == null) {
                return Response.json(403, Json.errors("You need to be logged in to do that.", "not_logged_in"));
            }
            return write(r);
        } finally {
            if (readLocked) {
                f.lock.readLock().unlock();
            }
        }
    }

    // ---- categories ----

    private Response categories(Request r) {
        boolean sub = "true".equals(r.param("include_subcategories"));
        int page = parseInt(r.param("page"), 1);
        ObjectNode root = Json.obj();
        ObjectNode cl = root.putObject("category_list");
        cl.put("can_create_category", r.viewer.admin());
        cl.put("can_create_topic", r.viewer.user() != null);
        ArrayNode arr = cl.putArray("categories");
        if (page <= 1) {
            for (Category c : f.categories()) {
                if (c.parentId == null && r.viewer.canSeeCategory(f, c.id)) {
                    arr.add(views.listCategory(c, r.viewer, sub));
                }
            }
        }
        return Response.json(root);
    }

    private Response findCategories(Request r) {
        ObjectNode root = Json.obj();
        ArrayNode arr = root.putArray("categories");
        for (String id : r.list("ids")) {
            Category c = f.category(parseInt(id, -1));
            if (c != null && r.viewer.canSeeCategory(f, c.id)) {
                arr.add(views.siteCategory(c, r.viewer));
            }
        }
        String slugPath = r.param("slug_path_with_id");
        if (slugPath != null) {
            String[] parts = slugPath.split("/");
            Category c = f.category(parseInt(parts[parts.length - 1], -1));
            if (c == null || !r.viewer.canSeeCategory(f, c.id)) {
                return Response.notFound();
            }
            arr.add(views.siteCategory(c, r.viewer));
        }
        return Response.json(root);
    }

    private Response searchCategories(Request r) {
        String term = String.valueOf(r.param("term") == null ? "" : r.param("term")).toLowerCase(Locale.ROOT);
        ObjectNode root = Json.obj();
        ArrayNode arr = root.putArray("categories");
        for (Category c : f.categories()) {
            if (r.viewer.canSeeCategory(f, c.id) && (c.name.toLowerCase(Locale.ROOT).contains(term) || c.slug.contains(term))) {
                arr.add(views.siteCategory(c, r.viewer));
            }
        }
        return Response.json(root);
    }

    private String canonicalCategoryPath(Category c) {
        return (c.parentId == null ? "" : "/" + f.category(c.parentId).slug) + "/" + c.slug + "/" + c.id;
    }

    private Response category(Request r) {
        List<String> parts = new ArrayList<>(List.of(r.seg).subList(1, r.seg.length));
        String view = null;
        int l = parts.indexOf("l");
        if (l >= 0) {
            view = l + 1 < parts.size() ? parts.get(l + 1) : "latest";
            parts = parts.subList(0, l);
        }
        boolean none = false;
        if (!parts.isEmpty() && parts.get(parts.size() - 1).equals("none")) {
            none = true;
            parts = parts.subList(0, parts.size() - 1);
        }
        boolean show = false;
        if (!parts.isEmpty() && parts.get(parts.size() - 1).equals("show")) {
            show = true;
            parts = parts.subList(0, parts.size() - 1);
        }
        if (parts.isEmpty()) {
            return Response.notFound();
        }
        Category c = f.category(parseInt(parts.get(parts.size() - 1), -1));
        if (c == null || !r.viewer.canSeeCategory(f, c.id)) {
            return Response.notFound();
        }
        List<String> slugs = parts.subList(0, parts.size() - 1);
        if (!slugs.isEmpty() && !slugs.get(slugs.size() - 1).equals(c.slug)) {
            String rest = r.rawPath.substring(r.rawPath.indexOf("/" + c.id) + 1 + String.valueOf(c.id).length());
            return Response.redirect("/c" + canonicalCategoryPath(c) + rest + (r.rawQuery == null ? "" : "?" + r.rawQuery));
        }
        if (show) {
            ObjectNode root = Json.obj();
            root.set("category", views.siteCategory(c, r.viewer));
            return Response.json(root);
        }
        String base = "/c" + canonicalCategoryPath(c) + (none ? "/none" : "");
        if (view == null) {
            view = c.defaultView;
            return topicList(r, c, none, null, base, "top".equals(view));
        }
        if (!view.equals("latest") && !view.equals("top")) {
            return Response.notFound();
        }
        return topicList(r, c, none, null, base + "/l/" + view, view.equals("top"));
    }

    private Response tagList(Request r) {
        if (r.seg.length < 2) {
            return Response.notFound();
        }
        Tag tag = f.tag(r.seg[1]);
        if (tag == null && r.seg[1].matches("\\d+")) {
            int id = Integer.parseInt(r.seg[1]);
            tag = f.tags().stream().filter(t -> t.id == id).findFirst().orElse(null);
        }
        if (tag == null) {
            return Response.notFound();
        }
        return topicList(r, null, false, tag.name, "/tag/" + tag.name, false);
    }

    // ---- topic lists ----

    private Response topicList(Request r, Category cat, boolean noSub, String tag, String basePath, boolean top) {
        String ascendingParam = r.param("ascending");
        if (ascendingParam != null && !ascendingParam.equals("true") && !ascendingParam.equals("false")) {
            return Response.invalidParam("ascending");
        }
        int page = 0;
        if (r.param("page") != null) {
            page = parseIntStrict(r.param("page"));
            if (page < 0) {
                return Response.invalidParam("page");
            }
        }
        int perPage = DEFAULT_PER_PAGE;
        if (r.param("per_page") != null && !sw.ignorePerPage) {
            perPage = parseIntStrict(r.param("per_page"));
            if (perPage < 1 || perPage > 100) {
                return Response.invalidParam("per_page");
            }
            if (tag != null) {
                perPage = Math.min(perPage, 30); // tag lists clamp per_page to 1..30
            }
        }
        Set<Integer> catIds = new HashSet<>();
        if (cat != null) {
            catIds.add(cat.id);
            if (!noSub) {
                for (Category c : f.categories()) {
                    if (c.parentId != null && c.parentId == cat.id) {
                        catIds.add(c.id);
                    }
                }
            }
        }
        Predicate<Topic> keep = t -> r.viewer.listsTopic(f, t)
                && (cat == null || (t.categoryId != null && catIds.contains(t.categoryId)))
                && (tag == null || t.tags.contains(tag));
        String order = top ? "likes" : r.param("order");
        boolean asc = "true".equals(ascendingParam);
        Comparator<Topic> cmp = comparator(order);
        if (!asc) {
            cmp = cmp.reversed();
        }
        cmp = cmp.thenComparing(t -> -t.id);
        List<Topic> pinned = new ArrayList<>();
        List<Topic> rest = new ArrayList<>();
        boolean pinning = !top && (order == null || order.equals("activity") || order.equals("default"));
        for (Topic t : f.topics()) {
            if (!keep.test(t)) {
                continue;
            }
            boolean isPinned = pinning && (cat == null ? t.pinnedGlobally : (t.pinned || t.pinnedGlobally));
            (isPinned ? pinned : rest).add(t);
        }
        rest.sort(cmp);
        pinned.sort(Comparator.comparing((Topic t) -> t.pinnedAt == null ? java.time.Instant.EPOCH : t.pinnedAt).reversed());
        List<Topic> out = new ArrayList<>();
        if (page == 0) {
            out.addAll(pinned);
            out.addAll(rest);
            if (out.size() > perPage) {
                out = new ArrayList<>(out.subList(0, perPage));
            }
        } else {
            // pinned topics lead page 0 whatever their age, and shift the offsets of later pages
            long offset = Math.max(0, (long) page * perPage - pinned.size());
            for (long i = offset; i < rest.size() && out.size() < perPage; i++) {
                out.add(rest.get((int) i));
            }
        }
        String more = null;
        if (out.size() == perPage) {
            more = basePath + "?" + queryWithout(r, "page") + "page=" + (page + 1);
        }
        Views.ListKind kind = cat != null ? Views.ListKind.CATEGORY : tag != null ? Views.ListKind.TAG : Views.ListKind.LATEST;
        ObjectNode root = views.topicList(out, r.viewer, perPage, more, kind);
        if (kind == Views.ListKind.TAG) {
            Tag t = f.tag(tag);
            ArrayNode ts = ((ObjectNode) root.get("topic_list")).putArray("tags");
            ts.addObject().put("id", t.id).put("name", t.name).put("topic_count", rest.size() + pinned.size()).put("staff", false);
        }
        return Response.json(root);
    }

    private static String queryWithout(Request r, String name) {
        StringBuilder sb = new StringBuilder();
        r.queryParams.forEach((k, vs) -> {
            if (!k.equals(name)) {
                for (String v : vs) {
                    sb.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                            .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            }
        });
        return sb.toString();
    }

    private Comparator<Topic> comparator(String order) {
        if (order == null) {
            order = "default";
        }
        return switch (order) {
            case "likes" -> Comparator.comparingInt(f::likeCount);
            case "views" -> Comparator.comparingInt(t -> t.views);
            case "posts" -> Comparator.comparingInt(f::postsCount);
            case "created" -> Comparator.comparing(t -> t.createdAt);
            case "category" -> Comparator.comparingInt(t -> t.categoryId == null ? 0 : t.categoryId);
            case "posters" -> Comparator.comparingInt(t -> (int) f.topicPosts(t).stream().map(p -> p.userId).distinct().count());
            default -> Comparator.comparing(t -> t.bumpedAt);
        };
    }

    // ---- topic view ----

    private Response topic(Request r) {
        String[] s = r.seg;
        if (s.length < 2) {
            return Response.notFound();
        }
        Integer id;
        Integer postNumber = null;
        if (isInt(s[1])) {
            id = Integer.parseInt(s[1]);
            if (s.length >= 3) {
                if (s[2].equals("posts")) {
                    return topicPosts(r, id);
                }
                if (s[2].equals("post_ids")) {
                    return topicPostIds(r, id);
                }
                if (!isInt(s[2])) {
                    return Response.notFound();
                }
                postNumber = Integer.parseInt(s[2]);
            }
        } else {
            if (s.length < 3 || !isInt(s[2])) {
                return Response.notFound();
            }
            id = Integer.parseInt(s[2]);
            if (s.length >= 4 && isInt(s[3])) {
                postNumber = Integer.parseInt(s[3]);
            }
        }
        if (postNumber == null && r.param("post_number") != null) {
            postNumber = parseInt(r.param("post_number"), 1);
        }
        Topic t = f.topic(id);
        if (!r.viewer.canSeeTopic(f, t)) {
            return topicNotFound();
        }
        List<Post> stream = stream(t, r.viewer);
        boolean includeRaw = r.has("include_raw");
        List<Post> chunk;
        if (postNumber != null) {
            int idx = 0;
            while (idx < stream.size() && stream.get(idx).postNumber < postNumber) {
                idx++;
            }
            int start = Math.max(0, Math.min(idx - TOPIC_CHUNK / 4, stream.size() - TOPIC_CHUNK));
            chunk = stream.subList(start, Math.min(stream.size(), start + TOPIC_CHUNK));
        } else {
            int page = 1;
            if (r.param("page") != null) {
                page = parseIntStrict(r.param("page"));
                if (page < 1) {
                    page = 1;
                }
            }
            int offset = (page - 1) * TOPIC_CHUNK;
            if (page > 1 && offset >= stream.size()) {
                if (sw.pagePastEnd404) {
                    return topicNotFound();
                }
                int last = Math.max(1, (stream.size() + TOPIC_CHUNK - 1) / TOPIC_CHUNK);
                return Response.redirect("/t/" + t.slug() + "/" + t.id + ".json?page=" + last);
            }
            chunk = stream.subList(Math.min(offset, stream.size()), Math.min(stream.size(), offset + TOPIC_CHUNK));
        }
        return Response.json(views.topicView(t, r.viewer, stream, chunk, includeRaw));
    }

    private Response topicNotFound() {
        ObjectNode o = Json.errors("The requested URL or resource could not be found.", "not_found");
        o.putObject("extras").put("html", "<div class=\"page-not-found\"><h1>Oops! That page doesn’t exist or is private.</h1></div>").putNull("group");
        return Response.json(404, o);
    }

    private List<Post> stream(Topic t, Viewer v) {
        List<Post> out = new ArrayList<>();
        for (Post p : f.topicPosts(t)) {
            if (v.seesPostInStream(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private Response topicPosts(Request r, int id) {
        Topic t = f.topic(id);
        if (!r.viewer.canSeeTopic(f, t)) {
            return topicNotFound();
        }
        List<Post> stream = stream(t, r.viewer);
        List<Post> out = new ArrayList<>();
        List<String> ids = r.list("post_ids");
        if (!ids.isEmpty()) {
            Set<Integer> wanted = new HashSet<>();
            for (String x : ids) {
                if (isInt(x)) {
                    wanted.add(Integer.parseInt(x));
                }
            }
            for (Post p : stream) {
                if (wanted.contains(p.id)) {
                    out.add(p);
                }
            }
        } else if (r.param("post_number") != null) {
            int n = parseInt(r.param("post_number"), 0);
            boolean asc = !"false".equals(r.param("asc"));
            if (asc) {
                for (Post p : stream) {
                    if (p.postNumber > n && out.size() < TOPIC_CHUNK) {
                        out.add(p);
                    }
                }
            } else {
                for (int i = stream.size() - 1; i >= 0 && out.size() < TOPIC_CHUNK; i--) {
                    if (stream.get(i).postNumber < n) {
                        out.add(0, stream.get(i));
                    }
                }
            }
        } else {
            out.addAll(stream.subList(0, Math.min(TOPIC_CHUNK, stream.size())));
        }
        ObjectNode root = Json.obj();
        ArrayNode posts = root.putObject("post_stream").putArray("posts");
        boolean raw = r.has("include_raw");
        for (Post p : out) {
            posts.add(views.post(p, r.viewer, Views.PostMode.TOPIC_VIEW, raw));
        }
        root.put("id", t.id);
        return Response.json(root);
    }

    private Response topicPostIds(Request r, int id) {
        Topic t = f.topic(id);
        if (!r.viewer.canSeeTopic(f, t)) {
            return topicNotFound();
        }
        int n = parseInt(r.param("post_number"), 0);
        ObjectNode root = Json.obj();
        ArrayNode arr = root.putArray("post_ids");
        for (Post p : stream(t, r.viewer)) {
            if (p.postNumber > n) {
                arr.add(p.id);
            }
        }
        return Response.json(root);
    }

    // ---- posts ----

    private boolean inLatestPosts(Post p, Viewer v) {
        if (p.postType != Post.REGULAR || p.hidden || p.trashed()) {
            return false;
        }
        Topic t = f.topic(p.topicId);
        return t != null && !t.trashed() && !t.isPrivateMessage() && t.visible && v.canSeeCategory(f, t.categoryId);
    }

    private final Map<String, byte[]> latestPages = new ConcurrentHashMap<>();
    private volatile long latestPagesGen = -1;

    private Response latestPosts(Request r) {
        int before = parseInt(r.param("before"), 0);
        long gen = f.generation();
        if (latestPagesGen != gen || latestPages.size() > 20_000) {
            latestPages.clear();
            latestPagesGen = gen;
        }
        String key = before + "|" + sw.postsIdWindow + "|" + (r.viewer.user() == null ? "anon" : r.viewer.user().id);
        byte[] cached = latestPages.get(key);
        if (cached == null) {
            cached = renderLatestPosts(r, before);
            latestPages.put(key, cached);
        }
        return new Response(200, "application/json; charset=utf-8", cached);
    }

    private byte[] renderLatestPosts(Request r, int before) {
        Iterable<Post> candidates;
        if (sw.postsIdWindow) {
            // old servers: a 50-id window, filtered afterwards, so pages can be short long before the end
            int last = before > 0 ? before : (f.postsById().isEmpty() ? 0 : f.postsById().lastKey());
            candidates = f.postsById().subMap(last - LATEST_POSTS_PAGE, false, last, true).descendingMap().values();
        } else {
            // Discourse's before is inclusive: posts.id <= before
            candidates = (before > 0 ? f.postsById().headMap(before, true) : f.postsById()).descendingMap().values();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        out.writeBytes("{\"latest_posts\":[".getBytes(StandardCharsets.UTF_8));
        int n = 0;
        boolean staff = r.viewer.staff();
        for (Post p : candidates) {
            if (!inLatestPosts(p, r.viewer)) {
                continue;
            }
            if (n > 0) {
                out.write(',');
            }
            out.writeBytes(staff ? views.latestPostBytesStaff(p, r.viewer) : views.latestPostBytes(p, r.viewer));
            if (++n == LATEST_POSTS_PAGE) {
                break;
            }
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private Response singlePost(Request r) {
        if (!isInt(r.seg[1])) {
            return Response.notFound();
        }
        Post p = f.post(Integer.parseInt(r.seg[1]));
        if (p == null) {
            return Response.notFound();
        }
        Topic t = f.topic(p.topicId);
        if (!r.viewer.canSeeTopic(f, t) && !(r.viewer.staff() && t != null)) {
            return Response.notFound();
        }
        if ((p.trashed() || (t != null && t.trashed())) && !r.viewer.staff()) {
            return Response.notFound();
        }
        if (p.postType == Post.WHISPER && !r.viewer.staff()) {
            return Response.notFound();
        }
        if (r.seg.length >= 3 && r.seg[2].equals("raw")) {
            return Response.text(200, "text/plain; charset=utf-8", p.raw);
        }
        return Response.json(views.post(p, r.viewer, Views.PostMode.SINGLE, true));
    }

    // ---- search, filter ----

    private Response search(Request r) {
        String q = r.param("q") == null ? r.param("term") : r.param("q");
        if (q == null || q.strip().length() < 3) {
            return Response.invalidParam("search");
        }
        List<String> words = new ArrayList<>();
        for (String w : q.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!w.contains(":") && !w.isEmpty()) {
                words.add(w);
            }
        }
        int page = Math.max(1, parseInt(r.param("page"), 1));
        int pageSize = 50;
        List<Post> hits = new ArrayList<>();
        for (Post p : f.postsById().descendingMap().values()) {
            if (!inLatestPosts(p, r.viewer)) {
                continue;
            }
            String hay = (f.topic(p.topicId).title + " " + p.raw).toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(hay::contains)) {
                hits.add(p);
            }
        }
        List<Post> slice = Views.page(hits, (page - 1) * pageSize, pageSize);
        ObjectNode root = Json.obj();
        ArrayNode posts = root.putArray("posts");
        for (Post p : slice) {
            User u = f.user(p.userId);
            ObjectNode o = posts.addObject();
            o.put("id", p.id);
            o.put("name", u.name);
            o.put("username", u.username);
            o.put("avatar_template", u.avatarTemplate());
            o.put("created_at", Json.ts(p.createdAt));
            o.put("like_count", p.likeCount);
            o.put("blurb", Json.excerpt(p.raw, 200));
            o.put("post_number", p.postNumber);
            o.put("topic_title_headline", Json.escape(f.topic(p.topicId).title));
            o.put("topic_id", p.topicId);
        }
        root.putArray("users");
        root.putArray("categories");
        root.putArray("tags");
        root.putArray("groups");
        ObjectNode g = root.putObject("grouped_search_result");
        g.putNull("more_posts");
        g.putNull("more_users");
        g.putNull("more_categories");
        g.put("term", q);
        g.put("search_log_id", 1);
        if (hits.size() > page * pageSize) {
            g.put("more_full_page_results", true);
        } else {
            g.putNull("more_full_page_results");
        }
        g.put("can_create_topic", r.viewer.user() != null);
        g.putNull("error");
        ArrayNode ids = g.putArray("post_ids");
        slice.forEach(p -> ids.add(p.id));
        g.putArray("user_ids");
        g.putArray("category_ids");
        g.putArray("tag_ids");
        g.putArray("group_ids");
        return Response.json(root);
    }

    private Response filter(Request r) {
        String q = r.param("q") == null ? "" : r.param("q");
        Category cat = null;
        String tag = null;
        String status = null;
        String order = null;
        for (String term : q.split("\\s+")) {
            int c = term.indexOf(':');
            if (c < 0) {
                continue;
            }
            String k = term.substring(0, c);
            String v = term.substring(c + 1);
            switch (k) {
                case "category", "categories" -> cat = f.categories().stream().filter(x -> x.slug.equals(v) || String.valueOf(x.id).equals(v)).findFirst().orElse(null);
                case "tag", "tags" -> tag = v.split(",")[0];
                case "status" -> status = v;
                case "order" -> order = v;
                default -> {
                }
            }
        }
        final Category fc = cat;
        final String ft = tag;
        final String fs = status;
        Set<Integer> ids = new HashSet<>();
        if (fc != null) {
            ids.add(fc.id);
            f.categories().stream().filter(x -> x.parentId != null && x.parentId == fc.id).forEach(x -> ids.add(x.id));
        }
        List<Topic> out = new ArrayList<>();
        for (Topic t : f.topics()) {
            if (!r.viewer.listsTopic(f, t)) {
                continue;
            }
            if (fc != null && (t.categoryId == null || !ids.contains(t.categoryId))) {
                continue;
            }
            if (ft != null && !t.tags.contains(ft)) {
                continue;
            }
            if (fs != null) {
                boolean ok = switch (fs) {
                    case "open" -> !t.closed && !t.archived;
                    case "closed" -> t.closed;
                    case "archived" -> t.archived;
                    case "solved" -> !t.acceptedPostIds.isEmpty();
                    case "unsolved" -> t.acceptedPostIds.isEmpty();
                    case "listed" -> t.visible;
                    case "unlisted" -> !t.visible;
                    default -> true;
                };
                if (!ok) {
                    continue;
                }
            }
            out.add(t);
        }
        String ord = order == null ? "activity" : order;
        boolean asc = ord.endsWith("-asc");
        String key = ord.replace("-asc", "");
        Comparator<Topic> cmp = comparator(key.equals("activity") ? null : key);
        out.sort(asc ? cmp : cmp.reversed());
        int page = Math.max(0, parseInt(r.param("page"), 0));
        List<Topic> slice = Views.page(out, page * DEFAULT_PER_PAGE, DEFAULT_PER_PAGE);
        String more = slice.size() == DEFAULT_PER_PAGE ? "/filter?" + queryWithout(r, "page") + "page=" + (page + 1) : null;
        return Response.json(views.topicList(slice, r.viewer, DEFAULT_PER_PAGE, more, Views.ListKind.FILTER));
    }

    private Response user(Request r) {
        if (r.seg.length < 2) {
            return Response.notFound();
        }
        User u = f.userByName(r.seg[1]);
        if (u == null) {
            return Response.notFound();
        }
        return Response.json(views.user(u, r.viewer));
    }

    // ---- writes ----

    private Response write(Request r) {
        String[] s = r.seg;
        String m = r.method;
        if (m.equals("POST") && s[0].equals("posts") && s.length == 1) {
            return createPost(r);
        }
        if (m.equals("POST") && s[0].equals("categories") && s.length == 2 && s[1].equals("search")) {
            return readLocked(() -> searchCategories(r));
        }
        if (m.equals("POST") && s[0].equals("solution") && s.length == 2) {
            return solution(r, s[1].equals("accept"));
        }
        if (m.equals("PUT") && s[0].equals("t") && s.length == 3 && s[2].equals("tags")) {
            return updateTags(r, parseInt(s[1], -1));
        }
        if (m.equals("PUT") && s[0].equals("t") && s.length >= 2) {
            return updateTopic(r, parseInt(s[s.length - 1], -1));
        }
        if (m.equals("PUT") && s[0].equals("posts") && s.length == 2) {
            return updatePost(r, parseInt(s[1], -1));
        }
        if (m.equals("DELETE") && s[0].equals("posts") && s.length == 2) {
            return deletePost(r, parseInt(s[1], -1));
        }
        if (m.equals("DELETE") && s[0].equals("t") && s.length == 2) {
            return deleteTopic(r, parseInt(s[1], -1));
        }
        return Response.notFound();
    }

    private Response readLocked(java.util.function.Supplier<Response> body) {
        f.lock.readLock().lock();
        try {
            return body.get();
        } finally {
            f.lock.readLock().unlock();
        }
    }

    boolean canCreateTags(User u) {
        return u.staff() || sw.canCreateTags.contains(u.username);
    }

    /** DiscourseTagging.tags_for_saving: normalise, drop unknown tags the user may not create, cap the count. */
    List<String> tagsForSaving(User u, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : Forum.cleanTags(names)) {
            if (f.tag(n) != null || canCreateTags(u)) {
                out.add(n);
            }
            if (out.size() == Forum.MAX_TAGS_PER_TOPIC) {
                break;
            }
        }
        return out;
    }

    private static Response createError(String... errors) {
        ObjectNode o = Json.obj();
        o.put("action", "create_post");
        ArrayNode arr = o.putArray("errors");
        for (String e : errors) {
            arr.add(e);
        }
        return Response.json(422, o);
    }

    private Response createPost(Request r) {
        User u = r.viewer.user();
        String signature = u.id + "|" + new java.util.TreeMap<>(r.params);
        long now = System.currentTimeMillis();
        memo.values().removeIf(x -> now - x.at > MEMO_MILLIS);
        Memo prev = memo.get(signature);
        if (prev != null) {
            return prev.response; // Discourse memoizes API creates for 120 s on the params
        }
        Response resp = doCreatePost(r, u);
        if (resp.status == 200) {
            memo.put(signature, new Memo(now, resp));
        }
        return resp;
    }

    private Response doCreatePost(Request r, User u) {
        String raw = r.param("raw");
        String title = r.param("title");
        String topicId = r.param("topic_id");
        List<String> errors = new ArrayList<>();
        if (raw == null || raw.strip().length() < 20) {
            errors.add(raw == null || raw.isBlank() ? "Body can’t be blank" : "Body is too short (minimum is 20 characters)");
        }
        if (topicId == null && (title == null || title.strip().length() < 15)) {
            errors.add(title == null || title.isBlank() ? "Title can’t be blank" : "Title is too short (minimum is 15 characters)");
        }
        if (!errors.isEmpty()) {
            return createError(errors.toArray(new String[0]));
        }
        if (sw.approvalRequired && !u.staff()) {
            ObjectNode o = Json.obj();
            o.put("action", "enqueued");
            ObjectNode pp = o.putObject("pending_post");
            pp.put("id", Math.abs(r.params.hashCode() % 100000));
            pp.put("raw", raw);
            pp.put("created_at", Json.ts(java.time.Instant.now()));
            o.put("pending_count", 1);
            o.put("success", true);
            return Response.json(o);
        }
        Post created;
        f.lock.readLock().lock();
        Integer categoryId;
        List<String> tags;
        try {
            if (topicId != null) {
                Topic t = f.topic(parseInt(topicId, -1));
                if (t == null || !r.viewer.canSeeTopic(f, t)) {
                    return Response.notFound();
                }
                if ((t.closed || t.archived) && !u.staff()) {
                    return createError("This topic is closed; it no longer accepts new replies.");
                }
                categoryId = null;
                tags = null;
            } else {
                categoryId = resolveCategory(r.param("category") == null ? r.param("category_id") : r.param("category"));
                if (!r.viewer.canSeeCategory(f, categoryId)) {
                    return Response.forbidden();
                }
                tags = tagsForSaving(u, r.list("tags"));
            }
        } finally {
            f.lock.readLock().unlock();
        }
        if (topicId != null) {
            Integer replyTo = r.param("reply_to_post_number") == null ? null : parseInt(r.param("reply_to_post_number"), 0);
            int type = "true".equals(r.param("whisper")) && u.staff() ? Post.WHISPER : Post.REGULAR;
            created = f.reply(Integer.parseInt(topicId), u.id, raw, replyTo, type);
        } else if ("private_message".equals(r.param("archetype"))) {
            List<Integer> recipients = new ArrayList<>();
            String names = r.param("target_recipients") != null ? r.param("target_recipients") : r.param("target_usernames");
            if (names != null) {
                for (String n : names.split(",")) {
                    User x = f.userByName(n.strip());
                    if (x != null) {
                        recipients.add(x.id);
                    }
                }
            }
            created = f.newPrivateMessage(u.id, title, raw, recipients);
        } else {
            created = f.newTopic(u.id, title, raw, categoryId, tags);
        }
        return readLocked(() -> Response.json(views.post(created, r.viewer, Views.PostMode.CREATED, true)));
    }

    private Integer resolveCategory(String v) {
        if (v == null || v.isBlank()) {
            return 1;
        }
        if (isInt(v)) {
            return f.category(Integer.parseInt(v)) == null ? 1 : Integer.parseInt(v);
        }
        for (Category c : f.categories()) {
            if (c.name.equalsIgnoreCase(v)) {
                return c.id;
            }
        }
        return 1;
    }

    private static Response conflict() {
        return Response.json(409, Json.errors("That post was edited by another user and your changes can no longer be saved.", null));
    }

    private boolean mayEdit(User u, Topic t, Post p) {
        return u.staff() || (p != null && p.userId == u.id) || (p == null && t.userId == u.id);
    }

    private Response updateTopic(Request r, int id) {
        User u = r.viewer.user();
        Topic t;
        List<String> tags = null;
        Integer category = null;
        String title = r.param("title");
        f.lock.readLock().lock();
        try {
            t = f.topic(id);
            if (t == null || !r.viewer.canSeeTopic(f, t)) {
                return Response.notFound();
            }
            if (!mayEdit(u, t, null)) {
                return Response.forbidden();
            }
            if (r.param("original_title") != null && !r.param("original_title").equals(t.title)) {
                return conflict();
            }
            if (r.has("original_tags") && !new HashSet<>(Forum.cleanTags(r.list("original_tags"))).equals(new HashSet<>(t.tags))) {
                return conflict();
            }
            if (r.has("tags")) {
                List<String> in = new ArrayList<>(r.list("tags"));
                in.removeIf(String::isBlank);
                tags = tagsForSaving(u, in);
            }
            if (r.param("category_id") != null) {
                category = parseInt(r.param("category_id"), -1);
                if (f.category(category) == null) {
                    return Response.json(422, Json.errors("Category can't be blank", null));
                }
            }
            if (title != null && title.strip().length() < 15) {
                return Response.json(422, Json.errors("Title is too short (minimum is 15 characters)", null));
            }
        } finally {
            f.lock.readLock().unlock();
        }
        f.editTopic(id, title, category, tags);
        return readLocked(() -> basicTopic(f.topic(id)));
    }

    private Response basicTopic(Topic t) {
        ObjectNode o = Json.obj();
        ObjectNode b = o.putObject("basic_topic");
        b.put("id", t.id);
        b.put("title", t.title);
        b.put("fancy_title", Json.escape(t.title));
        b.put("slug", t.slug());
        b.put("posts_count", f.postsCount(t));
        return Response.json(o);
    }

    private Response updateTags(Request r, int id) {
        if (!r.has("tags")) {
            return Response.json(400, Json.errors("param is missing or the value is empty: tags", null));
        }
        List<String> tags;
        f.lock.readLock().lock();
        try {
            Topic t = f.topic(id);
            if (t == null || !r.viewer.canSeeTopic(f, t)) {
                return Response.notFound();
            }
            if (!mayEdit(r.viewer.user(), t, null)) {
                return Response.forbidden();
            }
            List<String> in = new ArrayList<>(r.list("tags"));
            in.removeIf(String::isBlank);
            tags = tagsForSaving(r.viewer.user(), in);
        } finally {
            f.lock.readLock().unlock();
        }
        f.retag(id, tags);
        return readLocked(() -> basicTopic(f.topic(id)));
    }

    private Response updatePost(Request r, int id) {
        String raw = r.param("post[raw]");
        if (raw == null) {
            raw = r.param("raw");
        }
        if (raw == null) {
            return Response.json(400, Json.errors("param is missing or the value is empty: post", null));
        }
        Post p;
        String title = r.param("title");
        f.lock.readLock().lock();
        try {
            p = f.post(id);
            if (p == null || p.trashed() || !r.viewer.canSeeTopic(f, f.topic(p.topicId))) {
                return Response.notFound();
            }
            if (!mayEdit(r.viewer.user(), f.topic(p.topicId), p)) {
                return Response.forbidden();
            }
            String original = r.param("post[original_text]");
            if (original != null && !original.equals(p.raw)) {
                return conflict();
            }
            if (raw.strip().length() < 20) {
                return Response.json(422, Json.errors("Body is too short (minimum is 20 characters)", null));
            }
        } finally {
            f.lock.readLock().unlock();
        }
        if (p.postNumber == 1 && title != null) {
            f.editFirstPostAndTopic(id, raw, title);
        } else {
            f.editPost(id, raw);
        }
        return readLocked(() -> {
            ObjectNode o = Json.obj();
            o.set("post", views.post(f.post(id), r.viewer, Views.PostMode.CREATED, true));
            return Response.json(o);
        });
    }

    private Response deletePost(Request r, int id) {
        User u = r.viewer.user();
        Post p;
        f.lock.readLock().lock();
        try {
            p = f.post(id);
            if (p == null || p.trashed() || !r.viewer.canSeeTopic(f, f.topic(p.topicId))) {
                return Response.notFound();
            }
            if (!u.staff() && p.userId != u.id) {
                return Response.forbidden();
            }
        } finally {
            f.lock.readLock().unlock();
        }
        if (u.staff()) {
            f.trashPost(id);
        } else {
            f.authorDelete(id); // an author deleting their own post leaves a placeholder
        }
        return new Response(200, "application/json; charset=utf-8", new byte[0]);
    }

    private Response deleteTopic(Request r, int id) {
        f.lock.readLock().lock();
        try {
            Topic t = f.topic(id);
            if (t == null || t.trashed() || !r.viewer.canSeeTopic(f, t)) {
                return Response.notFound();
            }
            if (!r.viewer.staff() && t.userId != r.viewer.user().id) {
                return Response.forbidden();
            }
        } finally {
            f.lock.readLock().unlock();
        }
        f.trashTopic(id);
        return new Response(200, "application/json; charset=utf-8", new byte[0]);
    }

    private Response solution(Request r, boolean accept) {
        int id = parseInt(r.param("id"), -1);
        f.lock.readLock().lock();
        try {
            Post p = f.post(id);
            if (p == null || p.trashed()) {
                return Response.notFound();
            }
            Topic t = f.topic(p.topicId);
            if (!r.viewer.staff() && (t == null || t.userId != r.viewer.user().id)) {
                return Response.forbidden();
            }
        } finally {
            f.lock.readLock().unlock();
        }
        if (accept) {
            f.acceptAnswer(id, sw.solvedMultiple);
        } else {
            f.unacceptAnswer(id);
        }
        ObjectNode o = Json.obj();
        o.put("success", "OK");
        return Response.json(o);
    }

    // ---- helpers ----

    /** TagsController#list: requires login; {@code offset} counts pages of LIST_LIMIT, not rows. */
    private Response listTags(Request r) {
        if (r.viewer.user() == null) {
            return Response.json(403, Json.errors("You need to be logged in to do that.", "not_logged_in"));
        }
        String offset = r.param("offset");
        int page = offset != null && isInt(offset) ? Math.max(0, Integer.parseInt(offset)) : 0;
        return Response.json(views.listTags(r.viewer, page, r.param("filter")));
    }

    static boolean isInt(String s) {
        return s != null && s.matches("-?\\d{1,10}");
    }

    static int parseInt(String s, int dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Discourse validates these as integers 0..2147483647; anything else is invalid (-1). */
    static int parseIntStrict(String s) {
        if (s == null || !s.strip().matches("\\d{1,10}")) {
            return -1;
        }
        long v = Long.parseLong(s.strip());
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }
}
