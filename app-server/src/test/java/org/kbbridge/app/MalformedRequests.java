package org.kbbridge.app;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests a careless or hostile client sends, each with the answer it must get; and the row counts of the store. */
final class MalformedRequests {

    /** expectedStatus 0: any 4xx; hint: a word the message must contain. */
    record Case(String method, String path, String token, byte[] body, String contentType, int expectedStatus,
            String hint) {
    }

    private static final List<String> TABLES = List.of("integrated_accounts", "collections", "pages", "page_tags",
            "page_contents", "comments", "tags", "sync_runs", "sync_checkpoints", "change_log", "api_tokens",
            "idempotency_keys");

    private MalformedRequests() {
    }

    static Map<String, Long> rowCounts(KbBridge bridge) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = bridge.store().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static List<Case> cases(long a, long b, String read, String write, String admin, String pagesCursor,
            String commentsCursor) {
        List<Case> cases = new ArrayList<>();
        String acc = "integrated_account_id=" + a;
        for (String r : List.of("collections", "pages", "page-content", "comments", "tags")) {
            String list = "/unified/knowledge-base/" + r + "?";
            get(cases, list + acc + "&limit=0", read, 400, "limit");
            get(cases, list + acc + "&limit=101", read, 400, "limit");
            get(cases, list + acc + "&limit=99999999999", read, 400, "limit");
            get(cases, list + acc + "&limit=-5", read, 400, "limit");
            get(cases, list + acc + "&limit=ten", read, 400, "limit");
            get(cases, list + acc + "&limit=5&limit=6", read, 400, "limit");
            get(cases, list + acc + "&next_cursor=not-a-cursor", read, 400, "next_cursor");
            get(cases, list + acc + "&next_cursor=" + (r.equals("pages") ? commentsCursor : pagesCursor), read, 400,
                    "next_cursor");
            get(cases, list + acc + "&sort=desc", read, 400, "sort");
            get(cases, list, read, 400, "integrated_account_id");
            get(cases, list + "integrated_account_id=abc", read, 400, "integrated_account_id");
            get(cases, list + "integrated_account_id=0", read, 400, "integrated_account_id");
            get(cases, list + "integrated_account_id=-" + a, read, 400, "integrated_account_id");
            get(cases, list + "integrated_account_id=123456789012345678901234", read, 400, "integrated_account_id");
            get(cases, list + acc + "&integrated_account_id=" + b, read, 400, "integrated_account_id");
            get(cases, list + "integrated_account_id=%E2%98%83%00", read, 400, "integrated_account_id");
            get(cases, list + acc + "&updated_after=yesterday", read, 400, "updated_after");
            get(cases, list + acc + "&include_deleted=yes", read, 400, "include_deleted");
            get(cases, list + acc + "&include_remote_data=1", read, 400, "include_remote_data");
            get(cases, list + acc + "&format=pdf", read, 400, "format");
            get(cases, list + acc + "&limit=%25ZZ", read, 400, "limit");
            get(cases, list + acc, null, 401, "Bearer");
            get(cases, list + acc, "kbt_" + "x".repeat(43), 401, "Bearer");
            cases.add(new Case("DELETE", list + acc, admin, null, null, 405, null));
            String one = "/unified/knowledge-base/" + r + "/";
            for (String id : List.of("-1", "0", "1.5", "99999999999999999999999", "%F0%9F%92%A9")) {
                get(cases, one + id + "?" + acc, read, 404, null);
            }
            get(cases, one + "1?" + acc + "&limit=5", read, 400, "limit");
        }
        get(cases, "/unified/knowledge-base/pages?" + acc + "&collection_id=abc", read, 400, "collection_id");
        get(cases, "/unified/knowledge-base/comments?" + acc + "&collection_id=1", read, 400, "collection_id");
        get(cases, "/unified/knowledge-base/pages?" + acc + "&page_id=1", read, 400, "page_id");
        get(cases, "/unified/knowledge-base/comments?" + acc + "&page_id=-1", read, 400, "page_id");
        get(cases, "/unified/knowledge-base/comments?" + acc + "&tag=faq", read, 400, "tag");
        get(cases, "/unified/knowledge-base/pages?" + acc + "&q=", read, 400, "q");
        get(cases, "/unified/knowledge-base/pages?" + acc + "&q=%20%20", read, 400, "q");
        get(cases, "/unified/knowledge-base/widgets?" + acc, read, 404, "widgets");
        get(cases, "/unified/knowledge-base/changes?" + acc + "&limit=0", read, 400, "limit");
        get(cases, "/unified/knowledge-base/changes?" + acc + "&next_cursor=" + pagesCursor, read, 400,
                "next_cursor");
        get(cases, "/unified/knowledge-base/changes?" + acc + "&since=1", read, 400, "since");
        get(cases, "/unified/knowledge-base/changes", read, 400, "integrated_account_id");

        String accounts = "/admin/integrated-accounts";
        post(cases, accounts, admin, "{", 400, "JSON");
        post(cases, accounts, admin, "[]", 400, "JSON object");
        post(cases, accounts, admin, "\"text\"", 400, "JSON object");
        post(cases, accounts, admin, "null", 400, "JSON object");
        post(cases, accounts, admin, "", 400, "JSON object");
        post(cases, accounts, admin, "{\"name\":\"x\"} {\"name\":\"y\"}", 400, "JSON");
        post(cases, accounts, admin, "{\"name\":5,\"key_kind\":\"global\"}", 400, "name");
        post(cases, accounts, admin, account("\"rate_limit_per_minute\":\"fast\""), 400, "rate_limit_per_minute");
        post(cases, accounts, admin, account("\"rate_limit_per_minute\":1e99"), 400, "rate_limit_per_minute");
        post(cases, accounts, admin, account("\"sync\":[]"), 400, "sync");
        post(cases, accounts, admin, account("\"sync\":{\"categories\":[\"a\"]}"), 400, "sync.categories");
        post(cases, accounts, admin, account("\"sync\":{\"schedule\":\"every minute\"}"), 400, "sync.schedule");
        post(cases, accounts, admin, account("\"sync\":{\"include_private\":\"yes\"}"), 400, "sync.include_private");
        post(cases, accounts, admin, account("\"sync\":{\"cron\":\"x\"}"), 400, "sync.cron");
        post(cases, accounts, admin, account("\"password\":\"x\""), 400, "password");
        post(cases, accounts, admin, "{\"name\":\"x\",\"base_url\":\"http://127.0.0.1:9\",\"api_key\":\"k\","
                + "\"api_username\":\"u\",\"key_kind\":\"master\"}", 400, "key_kind");
        post(cases, accounts, admin, "{\"name\":\"x\",\"base_url\":\"ftp://example.com\",\"api_key\":\"k\","
                + "\"api_username\":\"u\",\"key_kind\":\"global\"}", 400, "base_url");
        post(cases, accounts, admin, "{\"name\":\"x\",\"api_key\":\"k\",\"api_username\":\"u\","
                + "\"key_kind\":\"global\"}", 400, "base_url");
        post(cases, accounts, read, account(""), 403, "admin");
        post(cases, accounts, null, account(""), 401, "Bearer");
        cases.add(new Case("POST", accounts, admin, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff,
            (byte) 0xfe, '"', '}'}, "application/json", 0, null));
        cases.add(new Case("POST", accounts, admin, oversize(), "application/json", 413, null));
        cases.add(new Case("PUT", accounts, admin, "{}".getBytes(StandardCharsets.UTF_8), "application/json", 405,
                null));
        String one = accounts + "/" + a;
        patch(cases, one, admin, "{\"base_url\":\"http://elsewhere.example\"}", 400, "base_url");
        patch(cases, one, admin, "{\"name\":7}", 400, "name");
        patch(cases, one, admin, "{\"sync\":{\"schedule\":\"nope\"}}", 400, "sync.schedule");
        patch(cases, one, admin, "not json", 400, "JSON");
        patch(cases, accounts + "/abc", admin, "{\"name\":\"x\"}", 400, "id");
        patch(cases, accounts + "/0", admin, "{\"name\":\"x\"}", 400, "id");
        patch(cases, accounts + "/99999", admin, "{\"name\":\"x\"}", 404, "99999");
        cases.add(new Case("DELETE", accounts + "/abc", admin, null, null, 400, "id"));
        cases.add(new Case("DELETE", accounts + "/99999", admin, null, null, 404, "99999"));
        cases.add(new Case("DELETE", one, write, null, null, 403, "admin"));
        get(cases, accounts + "/-3", admin, 400, "id");
        post(cases, one + "/sync", admin, "{\"mode\":\"sideways\"}", 400, "mode");
        post(cases, one + "/sync", admin, "{\"mode\":3}", 400, "mode");
        post(cases, one + "/sync", admin, "{\"mode\":\"full\",\"force\":true}", 400, "force");
        post(cases, one + "/sync", admin, "{mode: full}", 400, "JSON");
        post(cases, accounts + "/99999/sync", admin, "{\"mode\":\"full\"}", 404, "99999");
        String tokens = "/admin/tokens";
        post(cases, tokens, admin, "{}", 400, "integrated_account_ids");
        post(cases, tokens, admin, "{\"integrated_account_ids\":\"" + a + "\",\"access\":\"read\"}", 400,
                "integrated_account_ids");
        post(cases, tokens, admin, "{\"integrated_account_ids\":[0],\"access\":\"read\"}", 400,
                "integrated_account_ids");
        post(cases, tokens, admin, "{\"integrated_account_ids\":[],\"access\":\"read\"}", 400,
                "integrated_account_ids");
        post(cases, tokens, admin, "{\"integrated_account_ids\":[99999],\"access\":\"read\"}", 422, "99999");
        post(cases, tokens, admin, "{\"integrated_account_ids\":[" + a + "],\"access\":\"admin\"}", 400, "access");
        post(cases, tokens, admin, "{\"integrated_account_ids\":[" + a + "]}", 400, "access");
        post(cases, tokens, write, "{\"integrated_account_ids\":[" + a + "],\"access\":\"read_write\"}", 403,
                "admin");
        get(cases, "/admin/sync-runs?integrated_account_id=abc", admin, 400, "integrated_account_id");
        get(cases, "/admin/sync-runs?limit=1000", admin, 400, "limit");
        get(cases, "/admin/sync-runs/abc", admin, 400, "id");
        get(cases, "/admin/sync-runs/99999", admin, 404, "99999");

        get(cases, "/proxy/abc/latest.json", read, 400, "integrated_account_id");
        get(cases, "/proxy/0/latest.json", read, 400, "integrated_account_id");
        get(cases, "/proxy/99999/latest.json", read, 404, "99999");
        get(cases, "/proxy/" + b + "/latest.json", read, 404, Long.toString(b));
        get(cases, "/proxy/" + a, read, 400, "path");
        get(cases, "/proxy/" + a + "/", read, 400, "path");
        get(cases, "/proxy/" + a + "/latest.json", null, 401, "Bearer");
        post(cases, "/proxy/" + a + "/posts.json", read, "{\"raw\":\"hello\"}", 403, "read_write");
        cases.add(new Case("DELETE", "/proxy/" + a + "/t/1.json", read, null, null, 403, "read_write"));
        cases.add(new Case("POST", "/proxy/" + a + "/posts.json", write, oversize(), "application/json", 413, null));

        cases.add(new Case("POST", "/health", null, "{}".getBytes(StandardCharsets.UTF_8), "application/json", 405,
                null));
        cases.add(new Case("DELETE", "/openapi.json", null, null, null, 405, null));
        get(cases, "/nothing/here", null, 404, "openapi");
        get(cases, "/unified", read, 404, null);
        return cases;
    }

    private static String account(String extra) {
        return "{\"name\":\"x\",\"base_url\":\"http://127.0.0.1:9\",\"api_key\":\"k\",\"api_username\":\"u\","
                + "\"key_kind\":\"global\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static byte[] oversize() {
        byte[] body = new byte[1_100_000];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[body.length - 1] = '"';
        return body;
    }

    private static void get(List<Case> cases, String path, String token, int status, String hint) {
        cases.add(new Case("GET", path, token, null, null, status, hint));
    }

    private static void post(List<Case> cases, String path, String token, String body, int status, String hint) {
        cases.add(new Case("POST", path, token, body.getBytes(StandardCharsets.UTF_8), "application/json", status,
                hint));
    }

    private static void patch(List<Case> cases, String path, String token, String body, int status, String hint) {
        cases.add(new Case("PATCH", path, token, body.getBytes(StandardCharsets.UTF_8), "application/json", status,
                hint));
    }
}
