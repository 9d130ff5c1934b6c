import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { retireWhenOrphaned } from '../../src/content/orphan';

function setup() {
  const doc = new Window().document as unknown as Document;
  let alive = true;
  let looks = 0;
  let retired = 0;
  retireWhenOrphaned(
    doc,
    () => {
      looks++;
      return alive;
    },
    () => retired++,
  );
  const fire = (type: string) => doc.body.dispatchEvent(new doc.defaultView!.Event(type, { bubbles: true }));
  return {
    fire,
    showPage: () => doc.dispatchEvent(new doc.defaultView!.Event('visibilitychange')),
    goAway: () => (alive = false),
    get looks() {
      return looks;
    },
    get retired() {
      return retired;
    },
  };
}

describe('retireWhenOrphaned', () => {
  it('leaves a live session alone however often it looks', () => {
    const s = setup();
    s.fire('pointerover');
    s.showPage();
    s.fire('pointerover');
    expect(s.looks).toBe(3);
    expect(s.retired).toBe(0);
  });

  it('retires once the extension is gone, when the pointer moves onto something', () => {
    const s = setup();
    s.fire('pointerover');
    s.goAway();
    s.fire('pointerover');
    expect(s.retired).toBe(1);
  });

  it('retires when the page is shown again', () => {
    const s = setup();
    s.goAway();
    s.showPage();
    expect(s.retired).toBe(1);
  });

  it('retires only once, and stops looking', () => {
    const s = setup();
    s.goAway();
    s.showPage();
    const looks = s.looks;
    s.fire('pointerover');
    s.showPage();
    expect(s.retired).toBe(1);
    expect(s.looks).toBe(looks);
  });

  it('does not look on other events', () => {
    const s = setup();
    s.goAway();
    s.fire('click');
    s.fire('scroll');
    expect(s.looks).toBe(0);
    expect(s.retired).toBe(0);
  });
});
