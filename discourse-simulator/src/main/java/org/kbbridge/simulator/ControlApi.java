package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The /__sim/ control API for tests and benchmarks. Needs no auth; Discourse never uses this prefix. */
final class ControlApi {
    private final DiscourseSimulator sim;

    ControlApi(DiscourseSimulator sim) {
        this.sim = sim;
    }

    Response handle(Request r) {
        String p = r.path.substring("/__sim".length());
        boolean post = r.method.equals("POST");
        JsonNode body = r.json == null ? Json.obj() : r.json;
        try {
            switch (p) {
                case "/stats":
                    return Response.json(sim.stats().toJson());
                case "/reset-stats":
                    sim.stats().reset();
                    return ok();
                case "/faults":
                    if (post) {
                        List<String> kinds = new ArrayList<>();
                        body.path("kinds").forEach(k -> kinds.add(k.asText()));
                        Faults fl = sim.faults();
                        fl.configure(body.path("rate").asDouble(0), kinds, body.path("seed").asLong(1));
                        if (body.has("slow_ms")) {
                            fl.slowMillis = body.get("slow_ms").asLong();
                        }
                        if (body.has("timeout_ms")) {
                            fl.timeoutMillis = body.get("timeout_ms").asLong();
                        }
                    }
                    return Response.json(faultsJson());
                case "/limits":
                    if (post) {
                        Limits l = sim.limits();
                        l.enabled = body.path("enabled").asBoolean(l.enabled);
                        l.adminPerWindow = body.path("admin_per_minute").asInt(l.adminPerWindow);
                        l.adminWindowSeconds = body.path("admin_window_seconds").asInt(l.adminWindowSeconds);
                        l.userKeyPerWindow = body.path("user_key_per_minute").asInt(l.userKeyPerWindow);
                        l.userKeyWindowSeconds = body.path("user_key_window_seconds").asInt(l.userKeyWindowSeconds);
                        l.userKeyPerDay = body.path("user_key_per_day").asInt(l.userKeyPerDay);
                        l.ipPer10Seconds = body.path("ip_per_10_seconds").asInt(l.ipPer10Seconds);
                        l.ipPerMinute = body.path("ip_per_minute").asInt(l.ipPerMinute);
                        l.ipLimitPrivate = body.path("ip_limit_private").asBoolean(l.ipLimitPrivate);
                        if (body.path("reset").asBoolean(true)) {
                            l.resetCounters();
                        }
                    }
                    return Response.json(limitsJson());
                case "/switches":
                    if (post) {
                        Switches s = sim.switches();
                        if (body.has("tag_shape")) {
                            s.tagsAsObjects = requireOneOf(body, "tag_shape", "objects", "strings").equals("objects");
                        }
                        if (body.has("solved_shape")) {
                            s.solvedMultiple = requireOneOf(body, "solved_shape", "accepted_answers", "accepted_answer").equals("accepted_answers");
                        }
                        s.ignorePerPage = body.path("ignore_per_page").asBoolean(s.ignorePerPage);
                        s.postsIdWindow = body.path("posts_id_window").asBoolean(s.postsIdWindow);
                        s.approvalRequired = body.path("approval_required").asBoolean(s.approvalRequired);
                        s.pagePastEnd404 = body.path("page_past_end_404").asBoolean(s.pagePastEnd404);
                        if (body.has("can_create_tags")) {
                            s.canCreateTags.clear();
                            body.get("can_create_tags").forEach(x -> s.canCreateTags.add(x.asText()));
                        }
                        sim.forum().touch();
                    }
                    return Response.json(switchesJson());
                case "/mutate":
                    return Response.json(mutate(body));
                case "/truth":
                    return Response.json(sim.truth("true".equals(r.param("include_private"))));
                case "/webhooks":
                    if (post) {
                        Webhooks w = sim.webhooks();
                        if (body.has("urls")) {
                            w.urls.clear();
                            body.get("urls").forEach(u -> w.urls.add(u.asText()));
                        }
                        if (body.has("secret")) {
                            w.secret = body.get("secret").isNull() ? null : body.get("secret").asText();
                        }
                    }
                    return Response.json(sim.webhooks().toJson());
                case "/webhooks/redeliver":
                    return sim.webhooks().redeliver(body.path("event_id").asInt()) ? ok() : Response.notFound();
                case "/webhooks/ping":
                    sim.webhooks().ping();
                    return ok();
                default:
                    return Response.notFound();
            }
        } catch (IllegalArgumentException e) {
            return Response.json(400, Json.errors(e.getMessage(), "invalid_parameters"));
        }
    }

    private static String requireOneOf(JsonNode body, String field, String a, String b) {
        String v = body.get(field).asText();
        if (!v.equals(a) && !v.equals(b)) {
            throw new IllegalArgumentException(field + " must be " + a + " or " + b);
        }
        return v;
    }

    private static Response ok() {
        ObjectNode o = Json.obj();
        o.put("success", "OK");
        return Response.json(o);
    }

    private ObjectNode faultsJson() {
        Faults fl = sim.faults();
        ObjectNode o = Json.obj();
        o.put("rate", fl.rate);
        ArrayNode k = o.putArray("kinds");
        fl.kinds.forEach(k::add);
        o.put("slow_ms", fl.slowMillis);
        o.put("timeout_ms", fl.timeoutMillis);
        return o;
    }

    private ObjectNode limitsJson() {
        Limits l = sim.limits();
        ObjectNode o = Json.obj();
        o.put("enabled", l.enabled);
        o.put("admin_per_minute", l.adminPerWindow);
        o.put("admin_window_seconds", l.adminWindowSeconds);
        o.put("user_key_per_minute", l.userKeyPerWindow);
        o.put("user_key_window_seconds", l.userKeyWindowSeconds);
        o.put("user_key_per_day", l.userKeyPerDay);
        o.put("ip_per_10_seconds", l.ipPer10Seconds);
        o.put("ip_per_minute", l.ipPerMinute);
        o.put("ip_limit_private", l.ipLimitPrivate);
        return o;
    }

    private ObjectNode switchesJson() {
        Switches s = sim.switches();
        ObjectNode o = Json.obj();
        o.put("tag_shape", s.tagsAsObjects ? "objects" : "strings");
        o.put("solved_shape", s.solvedMultiple ? "accepted_answers" : "accepted_answer");
        o.put("ignore_per_page", s.ignorePerPage);
        o.put("posts_id_window", s.postsIdWindow);
        o.put("approval_required", s.approvalRequired);
        o.put("page_past_end_404", s.pagePastEnd404);
        ArrayNode c = o.putArray("can_create_tags");
        s.canCreateTags.forEach(c::add);
        return o;
    }

    private ObjectNode mutate(JsonNode body) {
        ObjectNode out = Json.obj();
        ArrayNode results = out.putArray("results");
        if (body.has("ops")) {
            body.get("ops").forEach(op -> results.add(apply(op)));
        } else {
            results.add(apply(body));
        }
        return out;
    }

    private ObjectNode apply(JsonNode op) {
        Forum f = sim.forum();
        String name = op.path("op").asText();
        ObjectNode res = Json.obj();
        res.put("op", name);
        int userId = op.has("username") ? requireUser(op.get("username").asText()).id : defaultUser(op);
        switch (name) {
            case "new_topic" -> {
                List<String> tags = new ArrayList<>();
                op.path("tags").forEach(t -> tags.add(t.asText()));
                Post p = f.newTopic(userId, op.path("title").asText("A simulated new topic"), op.path("raw").asText("Body of a simulated new topic."),
                        op.has("category_id") ? op.get("category_id").asInt() : 1, Forum.cleanTags(tags));
                res.put("topic_id", p.topicId).put("post_id", p.id);
            }
            case "reply" -> {
                Integer replyTo = op.has("reply_to_post_number") ? op.get("reply_to_post_number").asInt() : null;
                Post p = f.reply(op.path("topic_id").asInt(), userId, op.path("raw").asText("A simulated reply to this topic."), replyTo,
                        op.path("post_type").asInt(Post.REGULAR));
                res.put("topic_id", p.topicId).put("post_id", p.id).put("post_number", p.postNumber);
            }
            case "edit_post" -> f.editPost(op.path("post_id").asInt(), op.path("raw").asText());
            case "edit_topic" -> f.editTopic(op.path("topic_id").asInt(), op.has("title") ? op.get("title").asText() : null,
                    op.has("category_id") ? op.get("category_id").asInt() : null, null);
            case "trash_post" -> f.trashPost(op.path("post_id").asInt());
            case "trash_topic" -> f.trashTopic(op.path("topic_id").asInt());
            case "author_delete" -> f.authorDelete(op.path("post_id").asInt());
            case "hide_post" -> f.hidePost(op.path("post_id").asInt(), op.path("hidden").asBoolean(true));
            case "move_post" -> {
                Post p = f.movePost(op.path("post_id").asInt(), op.path("to_topic_id").asInt());
                res.put("post_id", p.id).put("topic_id", p.topicId).put("post_number", p.postNumber);
            }
            case "retag" -> {
                List<String> tags = new ArrayList<>();
                op.path("tags").forEach(t -> tags.add(t.asText()));
                f.retag(op.path("topic_id").asInt(), Forum.cleanTags(tags));
            }
            case "accept_answer" -> f.acceptAnswer(op.path("post_id").asInt(), sim.switches().solvedMultiple);
            case "unaccept_answer" -> f.unacceptAnswer(op.path("post_id").asInt());
            case "close_topic" -> f.setClosed(op.path("topic_id").asInt(), op.path("closed").asBoolean(true));
            case "archive_topic" -> f.setArchived(op.path("topic_id").asInt(), op.path("archived").asBoolean(true));
            case "unlist_topic" -> f.setVisible(op.path("topic_id").asInt(), !op.path("unlisted").asBoolean(true));
            case "make_category_private" -> f.setCategoryPrivate(op.path("category_id").asInt(), op.path("private").asBoolean(true));
            default -> throw new IllegalArgumentException("unknown op " + name);
        }
        return res;
    }

    private User requireUser(String name) {
        User u = sim.forum().userByName(name);
        if (u == null) {
            throw new IllegalArgumentException("no user " + name);
        }
        return u;
    }

    private int defaultUser(JsonNode op) {
        return op.has("user_id") ? op.get("user_id").asInt() : requireUser(sim.apiUsername()).id;
    }
}
