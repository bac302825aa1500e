package dev.gantry.core.etcd;

import dev.gantry.core.exec.ShellQuote;

/** Where one member's settings, start script, pid and log live on its host, and what they hold. */
record MemberFiles(EtcdMemberSpec member, String env, String script, String pid, String log, String envContent,
        String scriptContent) {

    static MemberFiles of(EtcdMemberSpec member, String stateDir, String etcd, String initialCluster, String token) {
        String base = stateDir + "/" + member.name();
        String env = base + ".env";
        return new MemberFiles(member, env, base + ".sh", base + ".pid", base + ".log",
                envContent(member, initialCluster, token), scriptContent(member, env, etcd));
    }

    /** The {@code ETCD_*} variables etcd reads instead of flags, one per line. */
    private static String envContent(EtcdMemberSpec member, String initialCluster, String token) {
        return EtcdEnvFile.of("etcd member " + member.name() + ", written by Gantry")
                .with("ETCD_NAME", member.name())
                .with("ETCD_DATA_DIR", member.dataDir())
                .with("ETCD_LISTEN_CLIENT_URLS", member.clientUrl())
                .with("ETCD_ADVERTISE_CLIENT_URLS", member.clientUrl())
                .with("ETCD_LISTEN_PEER_URLS", member.peerUrl())
                .with("ETCD_INITIAL_ADVERTISE_PEER_URLS", member.peerUrl())
                .with("ETCD_INITIAL_CLUSTER", initialCluster)
                .with("ETCD_INITIAL_CLUSTER_STATE", "new")
                .with("ETCD_INITIAL_CLUSTER_TOKEN", token)
                .render();
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
