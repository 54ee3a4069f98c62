package org.kbbridge.app.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.sync.SyncMode;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz schedules of SPEC 4 and 5, through Quartz's own API: one job per integrated account with an incremental
 * trigger on the account's cron and a nightly reconcile at 03:MM (MM from the account id, so forums do not all
 * reconcile in the same minute). Clustered, the jobs live in Quartz's JDBC store on our database (each firing runs on
 * one node; a dead node's jobs move within the check-in interval); else in memory.
 */
public final class SyncSchedules implements AutoCloseable {

    static final String CONTEXT_KEY = "kbScheduledSyncs";
    static final String GROUP = "kb-sync";
    /** Every node of one cluster must use the same scheduler name: it keys the rows in the QRTZ_ tables. */
    static final String SCHEDULER_NAME = "kb-bridge";
    static final long CLUSTER_CHECKIN_MILLIS = 7_500;

    private static final Logger LOG = Logger.getLogger(SyncSchedules.class.getName());
    /** Quartz keeps one scheduler per name in a JVM-wide repository; see {@link #create}. */
    private static final Object REPOSITORY = new Object();

    private final Scheduler scheduler;

    private SyncSchedules(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A scheduler in standby: nothing fires before {@link #start}. */
    public static SyncSchedules create(boolean clustered, DataSource dataSource, ScheduledSyncs syncs) {
        String instanceId = "kb-" + UUID.randomUUID();
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "kb-schedule");
        // a firing held back longer than this (by a run still going) is dropped, not caught up later
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        if (clustered) {
            String provider = instanceId;
            DBConnectionManager.getInstance().addConnectionProvider(provider, new PoolProvider(dataSource));
            p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.dataSource", provider);
            p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            p.setProperty("org.quartz.jobStore.useProperties", "true");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN_MILLIS));
        } else {
            p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        }
        try {
            Scheduler scheduler;
            synchronized (REPOSITORY) {
                scheduler = new StdSchedulerFactory(p).getScheduler();
                // every node shares the name, and tests run two nodes in one JVM: keep it out of the repository
                SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            }
            scheduler.getContext().put(CONTEXT_KEY, syncs);
            return new SyncSchedules(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler could not be created: " + e.getMessage(), e);
        }
    }

    /** Brings the schedules in line with the accounts (some may have been removed while no node ran), then fires. */
    public void start(List<IntegratedAccount> accounts) {
        try {
            Set<Long> ids = new HashSet<>();
            for (IntegratedAccount account : accounts) {
                ids.add(account.id());
                schedule(account);
            }
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!ids.contains(accountOf(job))) {
                    scheduler.deleteJob(job);
                }
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler could not start: " + e.getMessage(), e);
        }
    }

    /** Creates or changes the account's triggers; triggers that are already right are left alone. */
    public void schedule(IntegratedAccount account) {
        long id = account.id();
        String incremental = account.sync().schedule();
        String reconcile = reconcileCron(id);
        try {
            if (incremental.equals(cronOf(incrementalKey(id))) && reconcile.equals(cronOf(reconcileKey(id)))) {
                return;
            }
            JobDetail job = JobBuilder.newJob(ScheduledSyncJob.class).withIdentity(jobKey(id))
                    .usingJobData(ScheduledSyncJob.ACCOUNT_ID, Long.toString(id))
                    .storeDurably().requestRecovery().build();
            scheduler.scheduleJob(job, Set.of(trigger(incrementalKey(id), incremental, SyncMode.INCREMENTAL),
                    trigger(reconcileKey(id), reconcile, SyncMode.RECONCILE)), true);
            LOG.info(() -> "account " + id + ": incremental sync on '" + incremental + "', reconcile on '"
                    + reconcile + "'");
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the syncs of account " + id + ": " + e.getMessage(),
                    e);
        }
    }

    public void unschedule(long accountId) {
        try {
            scheduler.deleteJob(jobKey(accountId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not unschedule the syncs of account " + accountId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The cron expression of the account's incremental trigger, if it is scheduled. */
    public Optional<String> incrementalSchedule(long accountId) {
        try {
            return Optional.ofNullable(cronOf(incrementalKey(accountId)));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cron expression of the account's nightly reconcile trigger, if it is scheduled. */
    public Optional<String> reconcileSchedule(long accountId) {
        try {
            return Optional.ofNullable(cronOf(reconcileKey(accountId)));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True while the account has a job in the scheduler. */
    public boolean isScheduled(long accountId) {
        try {
            return scheduler.checkExists(jobKey(accountId));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Quartz scheduler itself, for listeners (tests count firings with them). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Nightly at 03:MM, MM spreading accounts over the hour. */
    static String reconcileCron(long accountId) {
        return "0 " + Math.floorMod(accountId * 7, 60) + " 3 * * ?";
    }

    /** Stops firing, stops waiting for runs in progress (the sync executor stops them), then shuts down. */
    @Override
    public void close() {
        try {
            scheduler.standby();
            for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
                scheduler.interrupt(running.getFireInstanceId());
            }
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.log(Level.WARNING, "stopping the Quartz scheduler", e);
        }
    }

    private Trigger trigger(TriggerKey key, String cron, SyncMode mode) {
        return TriggerBuilder.newTrigger().withIdentity(key).forJob(jobKey(accountOf(key)))
                .usingJobData(ScheduledSyncJob.MODE, mode.wire())
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
                .build();
    }

    private String cronOf(TriggerKey key) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(key);
        return trigger instanceof CronTrigger cron ? cron.getCronExpression() : null;
    }

    static JobKey jobKey(long accountId) {
        return JobKey.jobKey("account-" + accountId, GROUP);
    }

    static TriggerKey incrementalKey(long accountId) {
        return TriggerKey.triggerKey("incremental-" + accountId, GROUP);
    }

    static TriggerKey reconcileKey(long accountId) {
        return TriggerKey.triggerKey("reconcile-" + accountId, GROUP);
    }

    private static long accountOf(JobKey job) {
        return Long.parseLong(job.getName().substring(job.getName().indexOf('-') + 1));
    }

    private static long accountOf(TriggerKey trigger) {
        return Long.parseLong(trigger.getName().substring(trigger.getName().indexOf('-') + 1));
    }

    /** Quartz's JDBC store on our pool (it sets auto-commit off itself; Hikari restores it on return). */
    private static final class PoolProvider implements ConnectionProvider {

        private final DataSource dataSource;

        PoolProvider(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the store, which closes it
        }

        @Override
        public void initialize() {
            // the pool is already open
        }
    }
}
