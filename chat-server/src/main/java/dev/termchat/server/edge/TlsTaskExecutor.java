package dev.termchat.server.edge;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs the TLS engines' slow tasks (key exchange, certificate work). The
 * TLS channel only checks whether a task is done, never how it ended, so an error inside one
 * would vanish; this reports it instead.
 */
final class TlsTaskExecutor extends ThreadPoolExecutor {
  private static final Logger log = LoggerFactory.getLogger(TlsTaskExecutor.class);
  private final Consumer<Throwable> fatal;

  TlsTaskExecutor(Consumer<Throwable> fatal) {
    super(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "tls-tasks");
          thread.setDaemon(true);
          return thread;
        });
    this.fatal = fatal;
  }

  @Override
  protected void afterExecute(Runnable task, Throwable thrown) {
    Throwable failure = thrown;
    if (failure == null && task instanceof Future<?> future && future.isDone()) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (CancellationException e) {
        return; // Cancelled on shutdown: nothing went wrong.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure instanceof Error) {
      fatal.accept(failure);
    } else if (failure != null) {
      log.warn("A TLS task failed: {}", failure.toString());
    }
  }
}
