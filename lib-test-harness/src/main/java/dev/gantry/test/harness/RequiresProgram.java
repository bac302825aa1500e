package dev.gantry.test.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a program that a {@link RealPrograms} test class or method needs besides those of its
 * parameters, such as {@code haproxy} or {@code etcdctl}; checked before the class or the test
 * runs, with the same rules as {@link Programs#require(String, String)}: a missing program aborts,
 * or fails under {@code CI=true}.
 *
 * <pre>{@code
 * @Test
 * @RequiresProgram(value = "haproxy", debianPackage = "haproxy")
 * void balancesOverTwoBackends(RealProcesses processes) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(RequiresPrograms.class)
public @interface RequiresProgram {

    /**
     * The program's file name, looked up on {@code PATH} and in the system directories.
     *
     * @return such as {@code haproxy}; no directory part
     */
    String value();

    /**
     * The Debian package that installs it, named in the message when it is missing.
     *
     * @return such as {@code haproxy}
     */
    String debianPackage();
}
