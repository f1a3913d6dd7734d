// Page object: the Tokens page (/backend/tokens) of DGA Contact Center staff and central officers — the form that
// issues an activation Token (the server function /api/tokens/issue, which sends the browser back to this page,
// where the Token is shown once with its activation letter), and the list of Tokens in the officer's scope with
// "ยกเลิก Token" and "ออก Token ใหม่" (/api/tokens/revoke, /api/tokens/reissue).
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { Role } from './back-office-commands';
import { inBothLanguages } from './language';
import { chooseUnit } from './unit-field';

/** Texts of this page (not the specification's own labels). */
export const TOKENS_PAGE_TEXT = inBothLanguages({
  th: {
    title: 'จัดการ Token',
    issueButton: 'ออก Token',
    revokeButton: 'ยกเลิก Token',
    reissueButton: 'ออก Token ใหม่',
    issuedHeading: (name: string) => `Token สำหรับ ${name}`,
    done: 'ดำเนินการเรียบร้อยแล้ว',
    notInScope: 'ไม่พบรายการนี้ในความรับผิดชอบของท่าน',
    unitNotAllowed: 'กรุณาเลือกหน่วยงานในความรับผิดชอบของท่านที่ยังใช้งานอยู่',
    status: { pending: 'รอใช้งาน', used: 'ใช้แล้ว', expired: 'หมดอายุ', revoked: 'ยกเลิกแล้ว' },
    fields: {
      role: 'บทบาท',
      unit: 'หน่วยงาน',
      citizenId: 'เลขประจำตัวประชาชน',
      name: 'ชื่อ - นามสกุล',
      reference: 'หนังสือที่ / เลขที่คำขอ',
      lifetimeDays: 'อายุของ Token (วัน)',
    },
  },
  en: {
    title: 'Tokens',
    issueButton: 'Issue Token',
    revokeButton: 'Revoke Token',
    reissueButton: 'Issue a new Token',
    issuedHeading: (name: string) => `Token for ${name}`,
    done: 'Done',
    notInScope: 'That item is not in your area',
    unitNotAllowed: 'Choose an active unit in your area',
    status: { pending: 'Pending', used: 'Used', expired: 'Expired', revoked: 'Revoked' },
    fields: {
      role: 'Role',
      unit: 'Organisation unit',
      citizenId: 'Citizen ID number',
      name: 'Full name',
      reference: 'Letter / request number',
      lifetimeDays: 'Valid for (days)',
    },
  },
});

/** What the issue form asks for. */
export interface TokenRequest {
  role: Exclude<Role, 'contact_center'>;
  unitCode: string;
  citizenId: string;
  name: string;
  reference: string;
}

export class TokensPage {
  static readonly path = '/backend/tokens';
  /** The server functions the page's forms post to (a form posted without JavaScript is answered 303). */
  static readonly issuePath = '/api/tokens/issue';
  static readonly revokePath = '/api/tokens/revoke';
  static readonly reissuePath = '/api/tokens/reissue';

  readonly heading: Locator;
  readonly role: Locator;
  readonly unit: Locator;
  readonly citizenId: Locator;
  readonly name: Locator;
  readonly reference: Locator;
  readonly lifetimeDays: Locator;
  readonly issueButton: Locator;
  /** The Token just issued, in groups of four. */
  readonly issuedToken: Locator;
  /** The printable activation letter of the Token just issued. */
  readonly letter: Locator;
  /** The success banner after a revoke or re-issue. */
  readonly doneBanner: Locator;
  readonly errorSummary: Locator;
  readonly main: Locator;
  /** With JavaScript: the question asked before a revoke or re-issue is sent. */
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: TOKENS_PAGE_TEXT.title, exact: true });
    this.role = page.getByLabel(TOKENS_PAGE_TEXT.fields.role, { exact: true });
    this.unit = page.getByLabel(TOKENS_PAGE_TEXT.fields.unit, { exact: true });
    this.citizenId = page.getByLabel(TOKENS_PAGE_TEXT.fields.citizenId, { exact: true });
    this.name = page.getByLabel(TOKENS_PAGE_TEXT.fields.name, { exact: true });
    this.reference = page.getByLabel(TOKENS_PAGE_TEXT.fields.reference, { exact: true });
    this.lifetimeDays = page.getByLabel(TOKENS_PAGE_TEXT.fields.lifetimeDays, { exact: true });
    this.issueButton = page.getByRole('button', { name: TOKENS_PAGE_TEXT.issueButton, exact: true });
    this.issuedToken = page.locator('.token-display__value');
    this.letter = page.locator('section.activation-letter');
    this.doneBanner = page.getByRole('status').filter({ hasText: TOKENS_PAGE_TEXT.done });
    this.errorSummary = page.getByRole('alert');
    this.main = page.getByRole('main');
    this.confirmDialog = page.getByRole('dialog');
  }

  /**
   * Presses a row's revoke or re-issue button and, with JavaScript (which asks first), confirms: whichever the page
   * does, the action is sent.
   */
  async pressAndConfirm(row: Locator, button: string): Promise<void> {
    await row.getByRole('button', { name: button, exact: true }).click();
    const asked = this.confirmDialog.getByRole('button', { name: button, exact: true });
    const answered = this.doneBanner.or(this.page.getByRole('heading', { level: 1 }).filter({ hasNotText: TOKENS_PAGE_TEXT.title }));
    await expect(asked.or(answered).first()).toBeVisible();
    if (await asked.isVisible()) await asked.click();
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(TokensPage.path);
  }

  /** Fills in and sends the issue form; returns the Token the Tokens page then shows (once, never in its URL). */
  async issue(request: TokenRequest): Promise<string> {
    await this.role.selectOption(request.role);
    await chooseUnit(this.unit, request.unitCode);
    await this.citizenId.fill(request.citizenId);
    await this.name.fill(request.name);
    await this.reference.fill(request.reference);
    await this.issueButton.click();
    await expect(this.page.getByRole('heading', { level: 1, name: TOKENS_PAGE_TEXT.issuedHeading(request.name) }))
      .toBeVisible();
    expect(new URL(this.page.url()).pathname + new URL(this.page.url()).search).toBe(TokensPage.path);
    return (await this.issuedToken.innerText()).trim();
  }

  /** The list's row of the Token for the person named (or shown as) `text`. */
  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** The Token id a row's forms post (what a hand-made request would send). */
  async tokenIdOf(row: Locator): Promise<string> {
    return row.locator('input[name="token_id"]').first().inputValue();
  }

  /** Whether the unit `<select>` offers the unit with `code`. */
  unitOption(code: string): Locator {
    return this.page.locator(`select[name="unit"] option[value="${code}"]`);
  }

  roleOption(role: Role): Locator {
    return this.role.locator(`option[value="${role}"]`);
  }

  /** The session's synchroniser token, as the page's forms carry it. */
  async csrfToken(): Promise<string> {
    return this.page.locator('input[name="csrf_token"]').first().inputValue();
  }
}
