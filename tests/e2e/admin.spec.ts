// 管理 in Chromium: an administrator adds a person to a desk, changes a
// role, disables and re-enables an account, creates a desk and staffs it;
// the server's refusals (the last administrator) come back in plain words;
// the new person signs in from another app. Screenshots in zh-CN and en.
import { startNewsroom, type TestNewsroom } from '../support/newsroom';
import { expect, startHost, test, type RunningHost } from './fixtures';
import { openPerson, signInThroughSettings } from './newsroom-helpers';

const SHOTS = 'test-results/screenshots';

test.describe('administration', () => {
  let newsroom: TestNewsroom;
  let hosts: RunningHost[] = [];
  test.beforeAll(async () => {
    newsroom = await startNewsroom();
    hosts = [await startHost(), await startHost()];
  });
  test.afterAll(async () => {
    for (const h of hosts) await h.stop();
    await newsroom.stop();
  });

  test('an administrator manages people and desks; refusals are explained', async ({ browser }) => {
    const admin = await openPerson(browser, hosts[0]!);
    // Not shown to people who are not administrators (nor before signing in).
    await expect(admin.getByRole('link', { name: '管理' })).toHaveCount(0);
    await signInThroughSettings(admin, newsroom.url, 'admin');
    await admin.getByRole('link', { name: '管理' }).click();
    const people = admin.getByRole('region', { name: /人员/ });
    await expect(people.getByRole('row', { name: /陈华/ })).toContainText('时政部');

    // A new channel editor on the WeChat desk.
    const add = admin.getByRole('form', { name: '新增人员' });
    await add.getByLabel('姓名').fill('孙悦');
    await add.getByLabel('用户名').fill('sun.yue');
    await add.getByLabel('角色').selectOption({ label: '渠道编辑' });
    await add.getByLabel('初始密码').fill('短视频-2026-冬季');
    await add.getByRole('checkbox', { name: '微信编辑部' }).check();
    await add.getByRole('button', { name: '添加' }).click();
    await expect(admin.getByText('已添加 孙悦。')).toBeVisible();
    await expect(people.getByRole('row', { name: /孙悦/ })).toContainText('微信编辑部');

    // The same login again: the server says it is taken.
    await add.getByLabel('姓名').fill('又一个孙悦');
    await add.getByLabel('用户名').fill('sun.yue');
    await add.getByLabel('初始密码').fill('另一个口令-2026');
    await add.getByRole('button', { name: '添加' }).click();
    await expect(admin.getByText('用户名“sun.yue”已被使用，请换一个。')).toBeVisible();

    // A role change, and the last administrator cannot be demoted.
    await people.getByRole('combobox', { name: '赵敏 的角色' }).selectOption({ label: '部门主任' });
    await expect(admin.getByText('已修改 赵敏 的角色，需重新登录后生效。')).toBeVisible();
    await people
      .getByRole('combobox', { name: '系统管理员 的角色' })
      .selectOption({ label: '总编辑' });
    await expect(admin.getByText(/至少要保留一名可以登录的系统管理员/)).toBeVisible();
    await expect(people.getByRole('combobox', { name: '系统管理员 的角色' })).toHaveValue('admin');

    // Disable and enable an account.
    const wang = people.getByRole('row', { name: /王立/ });
    await wang.getByRole('button', { name: '停用' }).click();
    await expect(wang).toContainText('已停用');
    await wang.getByRole('button', { name: '启用' }).click();
    await expect(wang).toContainText('可登录');

    // A new topic desk, staffed.
    const desks = admin.getByRole('region', { name: /部门（/ });
    const newDesk = admin.getByRole('form', { name: '新增部门' });
    await newDesk.getByLabel('名称').fill('农业农村部');
    await newDesk.getByLabel('代码').fill('agri');
    await newDesk.getByRole('button', { name: '创建部门' }).click();
    await expect(admin.getByText('已创建部门 农业农村部。')).toBeVisible();
    await desks.getByRole('combobox', { name: '加入农业农村部的人员' }).selectOption({
      label: '王立（wang.li）',
    });
    await desks
      .getByRole('listitem', { name: /农业农村部/ })
      .getByRole('button', { name: '加入' })
      .click();
    await expect(desks.getByRole('list', { name: '农业农村部 的成员' })).toContainText('王立');
    await admin.screenshot({ path: `${SHOTS}/admin-zh-CN.png` });
    await desks.getByRole('button', { name: '将 王立 移出农业农村部' }).click();
    await expect(desks.getByRole('list', { name: '农业农村部 的成员' })).not.toContainText('王立');

    // 微信编辑部's own chain: 复审 dropped, no proofreading round; then back to the default.
    const wechatDesk = desks.getByRole('listitem', { name: /微信编辑部/ });
    await expect(wechatDesk).toContainText(
      '初审（渠道编辑） → 复审（部门主任） → 终审（总编辑，可否决）',
    );
    await wechatDesk.getByRole('button', { name: '编辑微信编辑部的审核流程' }).click();
    const plan = admin.getByRole('form', { name: '编辑微信编辑部的审核流程' });
    await plan.getByRole('button', { name: '删除复审' }).click();
    await plan.getByLabel('校对次数').fill('0');
    await plan.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${SHOTS}/admin-review-chain-zh-CN.png` });
    await plan.getByRole('button', { name: '保存流程' }).click();
    await expect(admin.getByText(/已保存微信编辑部的审核流程/)).toBeVisible();
    await expect(wechatDesk).toContainText('初审（渠道编辑） → 终审（总编辑，可否决） · 校对 0 次');
    await wechatDesk.getByRole('button', { name: '编辑微信编辑部的审核流程' }).click();
    await plan.getByRole('button', { name: '恢复编辑部默认' }).click();
    await expect(wechatDesk).toContainText('审核流程（编辑部默认）');

    // The newsroom's 易错词 list: a new entry saved, an unreadable line reported.
    await admin.getByRole('link', { name: '设置' }).click();
    const lists = admin.getByRole('region', { name: '机审词库' });
    await lists.getByRole('tab', { name: '易错词' }).click();
    const text = lists.getByRole('textbox', { name: '易错词' });
    await expect(text).toHaveValue(/按装/);
    await text.press('Control+End');
    await text.pressSequentially('\n帐号 → 账号\n这一行没有箭头');
    await lists.getByRole('button', { name: '保存词库' }).click();
    await expect(admin.getByText(/词库已保存，但有 1 行无法识别/)).toBeVisible();
    await expect(lists.getByRole('list', { name: '无法识别的行' })).toContainText('第');
    await expect(text).toHaveValue(/帐号 → 账号/);
    await lists.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${SHOTS}/word-lists-zh-CN.png` });
    const download = admin.waitForEvent('download');
    await lists.getByRole('button', { name: '导出为文本文件' }).click();
    expect((await download).suggestedFilename()).toBe('易错词表.txt');

    // The new person signs in from their own app.
    const sun = await openPerson(browser, hosts[1]!);
    await signInThroughSettings(sun, newsroom.url, 'sun.yue', '短视频-2026-冬季');
    await expect(sun.getByRole('link', { name: '管理' })).toHaveCount(0);

    // English.
    await admin.getByRole('link', { name: '设置' }).click();
    await admin.getByRole('radio', { name: 'English' }).check();
    await admin.getByRole('link', { name: 'Administration' }).click();
    await expect(admin.getByRole('heading', { name: 'People (6)' })).toBeVisible();
    await admin.screenshot({ path: `${SHOTS}/admin-en.png` });
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('radio', { name: '简体中文' }).check();
  });
});
