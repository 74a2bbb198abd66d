package org.patchwork.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwork.stack.bench.BenchReport;
import org.patchwork.stack.bench.ImportBenchmark;
import org.patchwork.stack.bench.SearchBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./patchwork bench …}: benchmarks on a stack of their own (state in .patchwork-bench, ports
 * from 1000 above --port-base, so 19000 by default), so they never disturb a running demo. Results
 * go to bench-results/.
 */
@Command(
    name = "bench",
    description = "Runs a benchmark against a real local node and writes its numbers.",
    subcommands = {BenchCommand.Search.class, BenchCommand.Import.class})
final class BenchCommand {

  @CommandLine.ParentCommand Patchwork parent;

  @Option(names = "--keep", description = "Leave the benchmark stack running afterwards.")
  boolean keep;

  /** Each benchmark keeps its own stack: search reuses its large population across runs. */
  LocalStack stack(String benchmark) {
    Path root = parent.projectRoot.toAbsolutePath().normalize();
    return new LocalStack(
        new LocalStack.Options(
            root,
            root.resolve(".patchwork-bench").resolve(benchmark),
            parent.portBase + 1000,
            List.of(Council.KINGSTON),
            Duration.ofMinutes(5)));
  }

  StackStatus up(LocalStack stack) {
    return stack
        .statusIfRunning()
        .filter(StackStatus::allHealthy)
        .orElseGet(() -> stack.up(message -> parent.out.println("- " + message)));
  }

  int finish(LocalStack stack, String name, Map<String, Object> result) throws Exception {
    Path folder = parent.projectRoot.toAbsolutePath().normalize().resolve("bench-results");
    parent.out.println();
    parent.out.println(BenchReport.write(folder, name, result));
    if (!keep) {
      stack.down();
    }
    return 0;
  }

  @Command(name = "search", description = "Local search p50/p95/p99 over a large population.")
  static final class Search implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--clients", defaultValue = "1000000")
    int clients;

    @Option(names = "--queries", defaultValue = "2000")
    int queries;

    @Override
    public Integer call() throws Exception {
      LocalStack stack = bench.stack("search");
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new SearchBenchmark(stack, status, Council.KINGSTON, bench.parent.out)
              .run(clients, queries);
      return bench.finish(stack, "search", result);
    }
  }

  @Command(name = "import", description = "Caseload import of N rows through the API.")
  static final class Import implements Callable<Integer> {
    @CommandLine.ParentCommand BenchCommand bench;

    @Option(names = "--rows", defaultValue = "100000")
    int rows;

    @Override
    public Integer call() throws Exception {
      LocalStack stack = bench.stack("import");
      StackStatus status = bench.up(stack);
      Map<String, Object> result =
          new ImportBenchmark(status, Council.KINGSTON, bench.parent.out)
              .run(rows, stack.stateDir().resolve("bench"));
      return bench.finish(stack, "import", result);
    }
  }
}
