package dev.gantry.core.workflow;

import dev.gantry.core.GantryException;

/** A {@link Guard} said no; never retried. */
final class GuardViolation extends GantryException {

    private static final long serialVersionUID = 1L;

    GuardViolation(String reason) {
        super("guard: " + reason);
    }
}
