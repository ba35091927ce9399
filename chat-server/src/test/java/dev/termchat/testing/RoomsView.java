package dev.termchat.testing;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * What the chat page shows of its rooms, read in one step in the page (the page replaces the
 * room list's items as counts change, so items found first and read after may be gone by then).
 */
public final class RoomsView {
  private final ChatPage page;

  public RoomsView(ChatPage page) {
    this.page = page;
  }

  /** The room list as shown, an entry a room: its name and, if any, the lines not seen there and those that mention the person ("#general 3 @1"). */
  @SuppressWarnings("unchecked")
  public List<String> list() {
    return (List<String>) page.script(
        "return [...document.querySelectorAll('#rooms li')].map((li) => li.innerText.replace(/\\s+/g, ' ').trim())");
  }

  /** The room typed in, as the header names it. */
  public String now() {
    return page.browser().findElement(By.id("room-now")).getText();
  }

  /** The topic of the room typed in, as the header shows it. */
  public String topic() {
    return page.browser().findElement(By.id("topic")).getText();
  }

  /** The text of a room's pane, shown or not (textContent: a hidden pane has no innerText). */
  public String pane(String room) {
    return (String) page.script(
        "const pane = [...document.querySelectorAll('#panes > ol')].find((p) => p.dataset.room === arguments[0]);"
            + "return pane ? [...pane.children].map((li) => li.textContent).join('\\n') : null;",
        room);
  }

  /** The room of the pane shown, the only one with the id "messages". */
  public String paneShown() {
    return (String) page.script(
        "const shown = [...document.querySelectorAll('#panes > ol')].filter((p) => !p.hidden);"
            + "return shown.length === 1 && shown[0].id === 'messages' ? shown[0].dataset.room : 'panes shown: ' + shown.length;");
  }

  /** Clicks a room's name in the list. */
  public void click(String room) {
    page.script("[...document.querySelectorAll('#rooms li button')].find((b) => b.textContent === arguments[0]).click()", room);
  }

  /** Where an element is drawn, {left, right, top, bottom}, in CSS pixels of the viewport. */
  public static Map<?, ?> box(ChatPage page, String selector) {
    return (Map<?, ?>) page.script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
            + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};",
        selector);
  }
}
