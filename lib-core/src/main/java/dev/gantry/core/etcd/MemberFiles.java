package dev.gantry.core.etcd;

import dev.gantry.core.exec.ShellQuote;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Where one member's settings, start script, pid and log live on its host, and what they hold. */
record MemberFiles(EtcdMemberSpec member, String env, String script, String pid, String log, String envContent,
        String scriptContent) {

    static MemberFiles of(EtcdMemberSpec member, String stateDir, String etcd, String initialCluster, String token) {
        String base = stateDir + "/" + member.name();
        String env = base + ".env";
        return new MemberFiles(member, env, base + ".sh", base + ".pid", base + ".log",
                envContent(member, initialCluster, token), scriptContent(member, env, etcd));
    }

    /** The {@code ETCD_*} variables etcd reads instead of flags, one {@code KEY='value'} per line. */
    private static String envContent(EtcdMemberSpec member, String initialCluster, String token) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ETCD_NAME", member.name());
        variables.put("ETCD_DATA_DIR", member.dataDir());
        variables.put("ETCD_LISTEN_CLIENT_URLS", member.clientUrl());
        variables.put("ETCD_ADVERTISE_CLIENT_URLS", member.clientUrl());
        variables.put("ETCD_LISTEN_PEER_URLS", member.peerUrl());
        variables.put("ETCD_INITIAL_ADVERTISE_PEER_URLS", member.peerUrl());
        variables.put("ETCD_INITIAL_CLUSTER", initialCluster);
        variables.put("ETCD_INITIAL_CLUSTER_STATE", "new");
        variables.put("ETCD_INITIAL_CLUSTER_TOKEN", token);
        return "# etcd member " + member.name() + ", written by Gantry\n" + variables.entrySet().stream()
                .map(e -> e.getKey() + "=" + ShellQuote.quote(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String scriptContent(EtcdMemberSpec member, String env, String etcd) {
        return "#!/bin/sh\n"
                + "# Starts etcd member " + member.name() + " with the settings in " + env + "; written by Gantry.\n"
                + "set -a\n"
                + ". " + ShellQuote.quote(env) + "\n"
                + "set +a\n"
                + "exec " + ShellQuote.quote(etcd) + "\n";
    }
}
