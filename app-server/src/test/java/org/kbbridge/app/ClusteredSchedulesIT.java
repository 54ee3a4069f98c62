package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.impl.matchers.EverythingMatcher;

/** Two nodes on one PostgreSQL with KB_CLUSTERED=true share the schedules: one run per firing, never overlapping. */
class ClusteredSchedulesIT {

    static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    private final List<KbBridge> nodes = new ArrayList<>();
    private DiscourseSimulator forum;

    @AfterEach
    void stop() {
        nodes.forEach(KbBridge::close);
        if (forum != null) {
            forum.close();
        }
    }

    @Test
    void each_firing_runs_once_on_one_node_and_runs_never_overlap() throws SQLException {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(12, 90).seed(43));
        forum.limits().adminPerWindow = 100_000;
        int portA = TestPorts.free();
        KbBridge a = node(Map.of("KB_DATA_DIR", dataDir.toString()), portA);
        String url = a.store().dataSource().unwrap(HikariDataSource.class).getJdbcUrl();
        KbBridge b = node(Map.of("KB_DB_URL", url, "KB_DB_USER", "postgres"), TestPorts.free());
        List<String> executions = new CopyOnWriteArrayList<>();
        for (KbBridge node : List.of(a, b)) {
            String name = node == a ? "a" : "b";
            try {
                node.schedules().scheduler().getListenerManager().addJobListener(new JobListenerSupport() {
                    @Override
                    public String getName() {
                        return "count-" + name;
                    }

                    @Override
                    public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                        executions.add(context.getScheduledFireTime().getTime() + "@" + name);
                    }
                }, EverythingMatcher.allJobs());
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
        Admin admin = new Admin(portA, SchedulesAndMetricsIT.ADMIN_TOKEN);
        long id = admin.createAccount(forum.baseUrl(), forum.apiKey(), forum.apiUsername(),
                SchedulesAndMetricsIT.EVERY_SECOND);

        admin.awaitRuns(id, runs -> runs.stream().filter(r -> r.get("status").asText().equals("succeeded"))
                .count() >= 6, "six scheduled runs");
        admin.json("PATCH", "/admin/integrated-accounts/" + id, "{\"sync\":{\"schedule\":\""
                + SchedulesAndMetricsIT.NEW_YEAR + "\"}}", 200);
        List<JsonNode> runs = admin.awaitRuns(id, rs -> rs.stream().allMatch(Admin::finished)
                && rs.size() == executions.size(), "the last firing to end");

        assertThat(runs).allMatch(r -> r.get("status").asText().equals("succeeded"));
        assertThat(executions.stream().map(e -> e.substring(0, e.indexOf('@'))).distinct().count())
                .as("each firing on exactly one node: %s", executions).isEqualTo(executions.size());
        List<JsonNode> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparing(r -> Instant.parse(r.get("started_at").asText())));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(Instant.parse(ordered.get(i).get("started_at").asText()))
                    .as("run %s starts after run %s ended", ordered.get(i).get("id"), ordered.get(i - 1).get("id"))
                    .isAfterOrEqualTo(Instant.parse(ordered.get(i - 1).get("finished_at").asText()));
        }
    }

    private KbBridge node(Map<String, String> env, int port) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KB_MASTER_KEY", MASTER_KEY);
        all.put("KB_CLUSTERED", "true");
        all.put("KB_ADMIN_TOKEN", SchedulesAndMetricsIT.ADMIN_TOKEN);
        all.put("KB_ALLOW_PRIVATE_HOSTS", "true");
        KbBridge node = KbBridge.start(Settings.load(all, List.of("--http-port", Integer.toString(port))), true,
                SchedulesAndMetricsIT.fastClient());
        nodes.add(node);
        return node;
    }
}
