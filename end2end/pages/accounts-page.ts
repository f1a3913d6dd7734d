// Page object: the officers page (/backend/accounts) of DGA Contact Center staff and central officers: the officers
// in scope with their unit, role, status and last sign-in, and the forms that suspend, reactivate or reassign them.
import type { Locator, Page, Response } from '@playwright/test';
import { inBothLanguages } from './language';

/** Texts of this page (not the specification's own labels). */
export const ACCOUNTS_PAGE_TEXT = inBothLanguages({
  th: {
    title: 'บัญชีเจ้าหน้าที่',
    active: 'ใช้งานได้',
    suspended: 'ถูกระงับการใช้งาน',
    suspend: 'ระงับการใช้งาน',
    reactivate: 'เปิดใช้งานอีกครั้ง',
    change: 'เปลี่ยนบทบาทหรือหน่วยงาน',
    newRole: 'บทบาทใหม่',
    newUnit: 'หน่วยงานใหม่',
    save: 'บันทึกการเปลี่ยนแปลง',
    doneSuspended: 'ระงับการใช้งานเรียบร้อยแล้ว',
    doneReactivated: 'เปิดใช้งานบัญชีอีกครั้งเรียบร้อยแล้ว',
    doneAssigned: 'บันทึกการเปลี่ยนบทบาทหรือหน่วยงานเรียบร้อยแล้ว',
    roleDoesNotFitUnit: 'บทบาทนี้ไม่ตรงกับระดับของหน่วยงานที่เลือก',
    notInScope: 'ไม่พบรายการนี้ในความรับผิดชอบของท่าน',
  },
  en: {
    title: 'Officers',
    active: 'Active',
    suspended: 'Suspended',
    suspend: 'Suspend',
    reactivate: 'Reactivate',
    change: 'Change role or unit',
    newRole: 'New role',
    newUnit: 'New unit',
    save: 'Save changes',
    doneSuspended: 'The officer has been suspended',
    doneReactivated: 'The officer has been reactivated.',
    doneAssigned: "The officer's role or unit has been changed.",
    roleDoesNotFitUnit: "The role does not fit the unit's level",
    notInScope: 'That item is not in your area',
  },
});

export class AccountsPage {
  static readonly path = '/backend/accounts';

  readonly heading: Locator;
  readonly main: Locator;
  /** The green banner after a change. */
  readonly doneBanner: Locator;
  /** The red box listing what was refused. */
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: ACCOUNTS_PAGE_TEXT.title, exact: true });
    this.main = page.getByRole('main');
    this.doneBanner = page.getByRole('status');
    this.errorSummary = page.getByRole('alert');
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(AccountsPage.path);
  }

  /** The row of the officer named `name`. */
  row(name: string): Locator {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** The officer id a row's forms post (what a hand-made request would send). */
  async officerIdOf(row: Locator): Promise<string> {
    return row.locator('input[name="officer_id"]').first().inputValue();
  }
}
