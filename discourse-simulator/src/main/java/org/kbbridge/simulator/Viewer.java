package org.kbbridge.simulator;

/** The acting user of a request; user null means anonymous. */
record Viewer(User user) {
    static final Viewer ANONYMOUS = new Viewer(null);

    boolean staff() {
        return user != null && user.staff();
    }

    boolean admin() {
        return user != null && user.admin;
    }

    boolean canSeeCategory(Forum f, Integer categoryId) {
        return staff() || !f.isPrivateCategory(categoryId);
    }

    /** Whether /t/{id}.json may show the topic at all. */
    boolean canSeeTopic(Forum f, Topic t) {
        if (t == null) {
            return false;
        }
        if (t.trashed() && !staff()) {
            return false;
        }
        if (t.isPrivateMessage()) {
            return staff() || (user != null && t.allowedUserIds.contains(user.id));
        }
        return canSeeCategory(f, t.categoryId);
    }

    /** Topic lists: no PMs, no trashed topics, unlisted only for staff. */
    boolean listsTopic(Forum f, Topic t) {
        return !t.isPrivateMessage() && !t.trashed() && (t.visible || staff()) && canSeeCategory(f, t.categoryId);
    }

    boolean seesPostInStream(Post p) {
        return !p.trashed() && (p.postType != Post.WHISPER || staff());
    }
}
