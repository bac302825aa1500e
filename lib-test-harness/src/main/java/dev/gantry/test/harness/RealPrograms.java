package dev.gantry.test.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class real programs as parameters, started on {@code 127.0.0.1} and stopped
 * after use, the way fabric8's {@code @EnableKubernetesMockClient} gives a mock API server; no
 * Docker involved.
 *
 * <p>A test method, a {@code @BeforeEach} or a {@code @BeforeAll} method may declare parameters
 * of these types:
 * <ul>
 *   <li>{@link EtcdCluster}: a cluster of three members, or as many as {@link EtcdMembers} says;</li>
 *   <li>{@link EtcdTlsCluster}: the same over mutual TLS only, with a private CA and a client
 *       certificate made by openssl, whose keys are deleted with the cluster;</li>
 *   <li>{@link SshServer}: an OpenSSH server with generated keys;</li>
 *   <li>{@link LitecoinRegtest}: a litecoind regtest node, a separate one for each parameter;</li>
 *   <li>{@link RealProcesses}: the scope itself, to start other programs such as
 *       {@link HaproxyServer#start(RealProcesses, String)} or a {@link RealProcess} of the test's
 *       own, which then stop with the rest.</li>
 * </ul>
 * Every program gets free loopback ports, a private working directory and a readiness deadline.
 * What a test method or a {@code @BeforeEach} receives is stopped after that test; what a static
 * {@code @BeforeAll} method (or a constructor) receives is stopped after the class. Logs stay in
 * {@code target/it-logs/<TestClass>/} (the {@code gantry.it.logs} system property moves them);
 * when a test fails, the last lines of every program's log are attached to the failure as a
 * suppressed exception and logged at WARN.
 *
 * <p>Before a test (or, for {@code @BeforeAll} parameters, the class) runs, the programs its
 * parameters and its {@link RequiresProgram} annotations need are looked up (see
 * {@link Programs}). A missing one aborts the test with a message naming the Debian package to
 * install, except under {@code CI=true}, where it fails the test, so that a broken CI image
 * cannot pass by skipping. The JUnit configuration parameter {@value #MISSING_PROGRAMS} set to
 * {@code fail} or {@code abort} overrides the environment.
 *
 * <pre>{@code
 * @RealPrograms
 * class ClusterIT {
 *     @Test
 *     void losesNoDataWhenOneMemberCrashes(@EtcdMembers(3) EtcdCluster etcd) {
 *         etcd.member(2).kill();
 *         // ... talk to etcd.clientUrls()
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealProgramsExtension.class)
public @interface RealPrograms {

    /** The JUnit configuration parameter that overrides {@code CI}: {@code fail} or {@code abort}. */
    String MISSING_PROGRAMS = "gantry.harness.missing-programs";
}
