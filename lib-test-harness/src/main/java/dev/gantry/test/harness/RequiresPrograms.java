package dev.gantry.test.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Holds several {@link RequiresProgram} annotations; Java writes it, tests need not. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresPrograms {

    /**
     * The programs required.
     *
     * @return the annotations, in source order
     */
    RequiresProgram[] value();
}
