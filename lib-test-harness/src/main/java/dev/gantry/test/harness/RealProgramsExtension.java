package dev.gantry.test.harness;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The extension behind {@link RealPrograms}: one {@link RealProcesses} scope per test class,
 * kept in the class's extension store, which starts what parameters ask for and closes it after
 * the test or the class.
 */
final class RealProgramsExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealProgramsExtension.class);
    private static final int LOG_LINES_ON_FAILURE = 20;

    /** A program that a parameter type needs. */
    record Program(String binary, String debianPackage) {
    }

    private static final Map<Class<?>, List<Program>> PROGRAMS = Map.of(
            EtcdCluster.class, List.of(new Program("etcd", "etcd-server")),
            EtcdTlsCluster.class, List.of(new Program("etcd", "etcd-server"), new Program("openssl", "openssl")),
            SshServer.class, List.of(new Program("sshd", "openssh-server"), new Program("ssh-keygen", "openssh-client")),
            LitecoinRegtest.class, List.of(new Program("litecoind", "litecoind")),
            RealProcesses.class, List.of());

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<Program> needed = new ArrayList<>(declared(testClass));
        Stream.of(testClass.getDeclaredConstructors()).forEach(constructor -> needed.addAll(forParameters(constructor)));
        AnnotationSupport.findAnnotatedMethods(testClass, BeforeAll.class, HierarchyTraversalMode.TOP_DOWN)
                .forEach(method -> needed.addAll(forParameters(method)));
        requireAll(needed, context);
        processes(context).enterClass(testClass);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Method test = context.getRequiredTestMethod();
        List<Program> needed = new ArrayList<>(declared(test));
        needed.addAll(forParameters(test));
        AnnotationSupport.findAnnotatedMethods(context.getRequiredTestClass(), BeforeEach.class,
                HierarchyTraversalMode.TOP_DOWN).forEach(method -> needed.addAll(forParameters(method)));
        requireAll(needed, context);
        processes(context).enterTest(context.getRequiredTestClass());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        processes(context).leaveTest(context.getExecutionException());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        processes(context).leaveClass();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return PROGRAMS.containsKey(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RealProcesses processes = processes(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == RealProcesses.class) {
            return processes;
        }
        if (type == EtcdCluster.class) {
            return EtcdCluster.start(processes, members(parameterContext));
        }
        if (type == EtcdTlsCluster.class) {
            return EtcdTlsCluster.start(processes, members(parameterContext));
        }
        if (type == SshServer.class) {
            return SshServer.start(processes);
        }
        return LitecoinRegtest.start(processes, nodeName(parameterContext));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (RealProcess process : processes(context).running()) {
            failure.addSuppressed(new ProcessLogTail(process, LOG_LINES_ON_FAILURE));
        }
        throw failure;
    }

    /** The class's scope, created on first use (a per-class test instance is made before beforeAll). */
    private static RealProcesses processes(ExtensionContext context) {
        ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
        RealProcesses processes = store.get(RealProcesses.class, RealProcesses.class);
        if (processes == null) {
            processes = new RealProcesses();
            store.put(RealProcesses.class, processes);
        }
        return processes;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static int members(ParameterContext parameterContext) {
        return parameterContext.findAnnotation(EtcdMembers.class).map(EtcdMembers::value).orElse(3);
    }

    private static String nodeName(ParameterContext parameterContext) {
        Parameter parameter = parameterContext.getParameter();
        return parameter.isNamePresent() ? parameter.getName() : "node" + (parameterContext.getIndex() + 1);
    }

    private static List<Program> declared(AnnotatedElement element) {
        return AnnotationSupport.findRepeatableAnnotations(element, RequiresProgram.class).stream()
                .map(required -> new Program(required.value(), required.debianPackage()))
                .toList();
    }

    private static List<Program> forParameters(Executable executable) {
        return Stream.of(executable.getParameterTypes())
                .flatMap(type -> PROGRAMS.getOrDefault(type, List.of()).stream())
                .toList();
    }

    private static void requireAll(List<Program> programs, ExtensionContext context) {
        Map<String, String> environment = environment(context.getConfigurationParameter(RealPrograms.MISSING_PROGRAMS));
        programs.stream().distinct()
                .forEach(program -> Programs.require(program.binary(), program.debianPackage(), environment));
    }

    /** The process environment, with {@code CI} as the configuration parameter says, if it says. */
    static Map<String, String> environment(Optional<String> missingPrograms) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        missingPrograms.map(String::strip).ifPresent(policy -> {
            switch (policy) {
                case "fail" -> environment.put("CI", "true");
                case "abort" -> environment.put("CI", "false");
                default -> throw new IllegalArgumentException(RealPrograms.MISSING_PROGRAMS
                        + " must be fail or abort, got '" + policy + "'");
            }
        });
        return environment;
    }
}
