/**
 * Sync-aware health checks: a {@code /healthcheck} endpoint that answers 503 while a node is
 * syncing or lagging and 200 once it has caught up, a {@code /livez} that stays 200 while the
 * node is only catching up, sync sources for node families, and fleet probing.
 *
 * <p>Depends on {@code dev.gantry.core} for its vocabulary ({@code Report}, {@code Finding},
 * {@code Secret}) and on OkHttp for outbound HTTP.
 */
package dev.gantry.health;
