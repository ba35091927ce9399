package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose input in progress the shared budget drops when it runs out: the oldest first. */
class InputBudgetTest {
  private final List<String> dropped = new ArrayList<>();
  private final InputBudget budget = new InputBudget(800);

  /** A connection that gives its bytes back when its input is dropped, as a real one does. */
  private InputBudget.Holder holder(String name) {
    InputBudget.Holder[] holder = new InputBudget.Holder[1];
    holder[0] =
        () -> {
          dropped.add(name);
          budget.giveBack(holder[0]);
        };
    return holder[0];
  }

  @Test
  void theInputBegunTheLongestAgoGoesFirstWithAnEighthToSpare() {
    InputBudget.Holder first = holder("first");
    InputBudget.Holder second = holder("second");
    InputBudget.Holder third = holder("third");
    InputBudget.Holder fourth = holder("fourth");
    assertTrue(budget.take(first, 200));
    assertTrue(budget.take(second, 200));
    assertTrue(budget.take(third, 200));
    assertTrue(budget.take(second, 100), "growing keeps its place: second began before third");
    assertTrue(budget.take(fourth, 300), "1,000 of 800: room made down to 800 - 100 - 300");
    assertEquals(List.of("first", "second"), dropped);
    assertEquals(500, budget.used());
  }

  @Test
  void theOldestAskingForMoreIsRefusedAndTheOthersKeepTheirs() {
    InputBudget.Holder oldest = holder("oldest");
    InputBudget.Holder newer = holder("newer");
    assertTrue(budget.take(oldest, 500));
    assertTrue(budget.take(newer, 200));
    assertFalse(budget.take(oldest, 200));
    assertEquals(List.of(), dropped);
    assertEquals(700, budget.used());
  }

  @Test
  void inputBegunAgainAfterItWasGivenBackIsTheNewest() {
    InputBudget.Holder again = holder("again");
    InputBudget.Holder other = holder("other");
    assertTrue(budget.take(again, 300));
    assertTrue(budget.take(other, 300));
    budget.giveBack(again);
    assertTrue(budget.take(again, 300), "a new message");
    assertTrue(budget.take(again, 300), "900 of 800");
    assertEquals(List.of("other"), dropped, "other's message began before again's second one");
  }

  @Test
  void inputLargerThanTheWholeBudgetIsRefusedWithoutDroppingAnyone() {
    InputBudget.Holder small = holder("small");
    InputBudget.Holder huge = holder("huge");
    assertTrue(budget.take(small, 100));
    assertTrue(budget.take(huge, 500));
    assertFalse(budget.take(huge, 301), "801 of 800");
    assertEquals(List.of(), dropped);
  }
}
