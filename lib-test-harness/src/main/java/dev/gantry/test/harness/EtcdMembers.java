package dev.gantry.test.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many members the {@link EtcdCluster} or {@link EtcdTlsCluster} parameter of a
 * {@link RealPrograms} test gets; without it, three.
 *
 * <pre>{@code
 * @Test
 * void aSingleMemberAnswersHealthy(@EtcdMembers(1) EtcdCluster etcd) { ... }
 *
 * @Test
 * void aMutualTlsMemberAnswersHealthy(@EtcdMembers(1) EtcdTlsCluster etcd) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EtcdMembers {

    /**
     * The number of members.
     *
     * @return at least 1; 3 by default
     */
    int value() default 3;
}
