import * as fs from 'node:fs';
import type { GuideSection } from '../../../shared/src/protocol';
import { guideHeadings } from '../core/guide/headings';
import { GUIDE_SECTIONS, GuideSectionId } from '../core/guide/sections';
import { guideDocPath } from '../core/meta';

let sections: GuideSection[] | undefined;

/**
 * `slsguard/guideSections`: the sections rules and hover cards link to, for the guide picker,
 * each with the line of its heading (the client opens the page there when it cannot show the
 * Markdown preview). The server is the one place that turns headings into anchors.
 */
export function guideSections(): GuideSection[] {
  return (sections ??= computeSections());
}

function computeSections(): GuideSection[] {
  const pages = new Map<string, ReturnType<typeof guideHeadings>>();
  const headingsOf = (page: string) => {
    let headings = pages.get(page);
    if (!headings) {
      let text = '';
      try {
        text = fs.readFileSync(guideDocPath(page), 'utf8');
      } catch {
        // a page missing from the package: its sections open at the top
      }
      pages.set(page, (headings = guideHeadings(text)));
    }
    return headings;
  };
  return (Object.keys(GUIDE_SECTIONS) as GuideSectionId[]).map((id) => {
    const [page, anchor] = id.split('#');
    const line = anchor ? (headingsOf(page).find((h) => h.anchor === anchor)?.line ?? 0) : 0;
    return { id, title: GUIDE_SECTIONS[id], line };
  });
}
