package org.kbbridge.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Behaviour switches for the differences between Discourse versions and site settings. */
public final class Switches {
    /** Topic tags as {id,name,slug} objects (2026+) instead of plain strings. */
    public volatile boolean tagsAsObjects = true;
    /** Solved bundled in core: accepted_answers array; false = standalone plugin's accepted_answer object. */
    public volatile boolean solvedMultiple = true;
    /** Servers before discourse#30716 ignore per_page on topic lists. */
    public volatile boolean ignorePerPage;
    /** Old /posts.json: a 50-id window filtered afterwards, so pages may be short. */
    public volatile boolean postsIdWindow;
    /** New posts by non-staff go to the review queue (action "enqueued"). */
    public volatile boolean approvalRequired;
    /** /t/{id}.json?page past the end: true = 404 (old servers), false = 301 to the last page. */
    public volatile boolean pagePastEnd404;
    /** Non-staff usernames allowed to create tags (staff always can). */
    public final Set<String> canCreateTags = ConcurrentHashMap.newKeySet();
}
