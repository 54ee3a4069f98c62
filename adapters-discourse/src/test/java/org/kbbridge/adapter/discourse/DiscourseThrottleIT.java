package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kbbridge.adapter.discourse.FakeDiscourse.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;

class DiscourseThrottleIT {

    static final Duration WINDOW = Duration.ofSeconds(3);

    FakeDiscourse discourse;
    CamelContext camel;
    DiscourseCommunitySource source;

    @BeforeEach
    void start() throws Exception {
        discourse = new FakeDiscourse();
        discourse.on("/about.json", json("{\"about\":{\"stats\":{\"topics_count\":1,\"posts_count\":2}}}"));
        camel = new DefaultCamelContext();
        DiscourseRoutes.install(camel, DiscourseReadRoutesIT.FAST.withThrottlePeriod(WINDOW));
    }

    @AfterEach
    void stop() {
        camel.stop();
        discourse.close();
    }

    SourceAccount account(long id, int limit, RequestTally tally) {
        return new SourceAccount(id, discourse.baseUrl(),
                new DiscourseCredentials(KeyKind.GLOBAL, "k" + id, "bot", null), limit, tally);
    }

    @Test
    void at_five_a_window_the_sixth_request_waits_for_the_next_window_and_user_keys_do_not() throws Exception {
        camel.start();
        source = new DiscourseCommunitySource(camel);
        RequestTally tally = new RequestTally();
        SourceAccount limited = account(1, 5, tally);
        NotifyBuilder fiveDone = new NotifyBuilder(camel).fromRoute(DiscourseReadRoutes.STATS).whenDone(5).create();
        NotifyBuilder sixDone = new NotifyBuilder(camel).fromRoute(DiscourseReadRoutes.STATS).whenDone(6).create();
        NotifyBuilder sevenDone = new NotifyBuilder(camel).fromRoute(DiscourseReadRoutes.STATS).whenDone(7).create();

        List<CompletableFuture<ForumStats>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> source.stats(limited)));
        }

        assertThat(fiveDone.matches(WINDOW.toMillis() / 2, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(discourse.count("/about.json")).isEqualTo(5);
        assertThat(sixDone.matches()).isFalse();
        // a user key has its own budget on the forum; global keys of the same site share one (API-NOTES 5.1)
        SourceAccount userKey = new SourceAccount(2, discourse.baseUrl(),
                new DiscourseCredentials(KeyKind.USER, "user-key", null, null), 5, new RequestTally());
        assertThat(source.stats(userKey).posts()).isEqualTo(2);
        assertThat(discourse.count("/about.json")).isEqualTo(6);

        assertThat(sevenDone.matches(WINDOW.toMillis() * 3, TimeUnit.MILLISECONDS)).isTrue();
        for (CompletableFuture<ForumStats> call : calls) {
            assertThat(call.get(1, TimeUnit.SECONDS).topics()).isEqualTo(1);
        }
        assertThat(discourse.count("/about.json")).isEqualTo(7);
        assertThat(tally.requests()).isEqualTo(6);
    }

    @Test
    void global_keys_of_one_forum_share_its_budget() throws Exception {
        camel.start();
        source = new DiscourseCommunitySource(camel);
        for (int i = 0; i < 5; i++) {
            source.stats(account(10 + i, 5, new RequestTally()));
        }
        NotifyBuilder sixDone = new NotifyBuilder(camel).fromRoute(DiscourseReadRoutes.STATS).whenDone(6).create();
        CompletableFuture<ForumStats> sixth = CompletableFuture.supplyAsync(() -> source.stats(account(20, 5,
                new RequestTally())));
        assertThat(sixDone.matches(WINDOW.toMillis() / 4, TimeUnit.MILLISECONDS))
                .as("a sixth global key on the same forum waits for the shared window").isFalse();
        assertThat(sixth.get(WINDOW.toMillis() * 3, TimeUnit.MILLISECONDS).posts()).isEqualTo(2);
        assertThat(discourse.count("/about.json")).isEqualTo(6);
    }

    @Test
    void the_http_call_can_be_woven_by_id_and_every_retry_passes_the_call_again() throws Exception {
        List<String> paths = new ArrayList<>();
        AdviceWith.adviceWith(camel, DiscourseRequestRoutes.REQUEST, route -> route
                .weaveById(DiscourseRequestRoutes.HTTP_CALL).before()
                .process(exchange -> paths.add(exchange.getMessage().getHeader("CamelHttpPath", String.class))));
        camel.start();
        source = new DiscourseCommunitySource(camel);
        discourse.on("/about.json", FakeDiscourse.json(502, "bad gateway"),
                json("{\"about\":{\"stats\":{\"topics_count\":1,\"posts_count\":2}}}"));

        assertThat(source.stats(account(3, 60, new RequestTally())).posts()).isEqualTo(2);
        assertThat(paths).containsExactly("/about.json", "/about.json");
    }
}
