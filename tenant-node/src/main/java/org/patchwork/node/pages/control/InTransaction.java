package org.patchwork.node.pages.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * A page action's transaction. Pages catch the controls' refusals outside it, so that a refused
 * action is rolled back as the API's would be, and then show the refusal next to the form.
 */
@ApplicationScoped
public class InTransaction {

  @Transactional
  public <T> T get(Supplier<T> work) {
    return work.get();
  }

  @Transactional
  public void run(Runnable work) {
    work.run();
  }
}
