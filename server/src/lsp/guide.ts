import type { GuideSection } from '../../../shared/src/protocol';
import { GUIDE_SECTIONS, GuideSectionId } from '../core/guide/sections';

/** `slsguard/guideSections`: the sections rules and hover cards link to, for the guide picker. */
export function guideSections(): GuideSection[] {
  return (Object.keys(GUIDE_SECTIONS) as GuideSectionId[]).map((id) => ({ id, title: GUIDE_SECTIONS[id] }));
}
