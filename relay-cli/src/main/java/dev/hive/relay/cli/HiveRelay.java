package dev.hive.relay.cli;

public final class HiveRelay {
    public static void main(String[] args) {
        System.out.println("hive-relay");
    }
}
