package io.millrace.cli.standalone;

import io.millrace.api.ApiConfiguration;
import io.millrace.executor.ExecutorConfiguration;
import io.millrace.scheduler.SchedulerConfiguration;
import io.millrace.worker.WorkerConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Every Millrace service in one Spring application, wired exactly as each runs on its own (the
 * same configurations): the executor, the scheduler, a worker and the api.
 */
@SpringBootApplication
@Import({ExecutorConfiguration.class, SchedulerConfiguration.class, WorkerConfiguration.class, ApiConfiguration.class})
public class StandaloneApplication {
}
