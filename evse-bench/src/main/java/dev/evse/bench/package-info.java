/**
 * Benchmarks of the EVSE kernel: JMH benchmarks of reaction latency, kernel throughput and the
 * wire codec, and {@link dev.evse.bench.FleetBenchmark}, which runs thousands of EVSE managers with
 * simulated cars in virtual or real time. See {@code docs/performance.md}.
 */
package dev.evse.bench;
