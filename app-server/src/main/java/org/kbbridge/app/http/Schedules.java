package org.kbbridge.app.http;

import org.quartz.CronExpression;

final class Schedules {

    private Schedules() {
    }

    static boolean isValidCron(String expression) {
        return CronExpression.isValidExpression(expression);
    }
}
