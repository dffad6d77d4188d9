package dev.slipway.server.tasks;

/**
 * Which runs to list, newest first.
 *
 * @param top    at most this many (ACR's default is 15)
 * @param status only runs with this status, or null
 * @param task   only runs of this task, or null
 * @param image  only runs whose output images include {@code repo:tag} or {@code repo@digest}, or null
 */
public record RunFilter(int top, RunStatus status, String task, String image) {
    public static final int DEFAULT_TOP = 15;
}
