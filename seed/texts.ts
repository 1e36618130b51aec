// Complaint texts: free text composed from many phrase pieces for honest filers, slot-filled templates for rings.
import type { KnownCategory } from '../src/shared/domain.js';
import type { Rng } from './rng.js';

export interface TextSlots {
  inst: string;
  date: string;
  amount: string;
  name?: string;
  idTail?: string;
  cardTail?: string;
  phone?: string;
  wechat?: string;
}

/** A display name as a consumer writes it: without the legal-form suffix. */
export function shortInstitutionName(name: string): string {
  return name.replace(/(股份有限公司|有限责任公司|股份公司|有限公司)$/u, '').replace(/（中国）/u, '');
}

/** Amounts as people write them: sometimes with decimals, sometimes with thousands separators. */
export function writtenAmount(rng: Rng, amount: number): string {
  const style = rng.int(0, 3);
  if (style === 0) return amount.toFixed(2);
  if (style === 1) {
    // Hand-rolled thousands separators: Intl formatting is the slowest call in world generation.
    const [whole = '0', fen = '00'] = amount.toFixed(2).split('.');
    return whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ',') + (fen === '00' ? '' : `.${fen}`);
  }
  return String(Math.round(amount));
}

/** Fills `{slot}` placeholders; unknown slots become empty. */
export const fillSlots = (template: string, slots: TextSlots): string =>
  template.replace(/\{(\w+)\}/gu, (_, key: string) => String(slots[key as keyof TextSlots] ?? ''));
const fill = fillSlots;

const OPENINGS = [
  '',
  '',
  '您好，',
  '你好，',
  '尊敬的领导：',
  '本人是{inst}的客户，',
  '我是{inst}的老用户了，',
  '投诉{inst}：',
  '反映一个问题，',
  '实在没办法了才来投诉，',
  '麻烦帮忙处理一下，',
  '我要投诉{inst}，',
  '想咨询并投诉一件事，',
  '本人',
];

const WHEN = [
  '{date}',
  '{date}左右',
  '上个月',
  '前几天',
  '最近',
  '{date}下午',
  '{date}上午',
  '这两个月',
  '去年年底',
  '',
];

const EVENTS: Record<KnownCategory, readonly string[]> = {
  fee_refund: [
    '在我不知情的情况下扣了{amount}元的会员费',
    '借款时被搭售了一份{amount}元的保险',
    '信用卡被收取了{amount}元年费，办卡时明明说免年费',
    '提前还款被收了{amount}元违约金',
    '账户被扣了{amount}元的短信提醒费，我从来没开通过',
    '分期手续费比当时说的高，多收了{amount}元',
    '借款的综合年化利率超过了24%，多付了{amount}元利息',
    '开通了一个所谓的加速审核服务，被扣了{amount}元',
    '自动续费了一个权益卡，{amount}元，没有任何提醒',
    '尾号{cardTail}的卡被扣了{amount}元服务费',
  ],
  service_quality: [
    '在网点排队两个多小时没人办理',
    '客服电话一直打不通，转人工要等半小时',
    '工作人员态度恶劣，还挂我电话',
    '柜员办理业务出错，让我来回跑了三趟',
    'APP上的业务说明前后矛盾',
    '客户经理推销理财产品，不买就不给办业务',
    '投诉以后一直没有任何回访',
    '预约的业务到了网点却说办不了',
  ],
  collection_harassment: [
    '{inst}的催收人员一天打十几个电话',
    '催收人员给我通讯录里的联系人打电话',
    '收到的催收短信里有威胁的话',
    '逾期才三天就被爆了通讯录',
    '催收人员冒充律师说要起诉我、上门',
    '催收电话直接打到了我单位领导那里',
    '催收人员半夜还在打电话',
  ],
  debt_negotiation: [
    '因为失业暂时还不上{inst}的借款，想申请延期还款',
    '想申请个性化分期，但客服说不符合条件',
    '收入下降，想协商停息分期',
    '本金{amount}元，想协商减免部分利息和罚息',
    '家人生病花了很多钱，想申请还款宽限期',
    '生意失败，负债较多，想和{inst}协商一个还款方案',
  ],
  credit_report: [
    '征信报告上有一笔不是我办的贷款',
    '已经结清的贷款在征信上还显示逾期',
    '{inst}未经授权查询了我的征信',
    '因为系统原因还款晚了一天，被上报了逾期',
    '征信上的逾期记录和实际情况不符',
    '尾号{cardTail}的信用卡从没用过，征信上却有欠款',
  ],
  investment_advice: [
    '{inst}的客户经理推荐的理财产品亏了{amount}元',
    '买的基金风险等级和我的风险承受能力不匹配',
    '被拉进一个股票群，说是{inst}的分析师带着炒股',
    '有人冒充{inst}的工作人员给我推荐股票',
    '投顾服务收了{amount}元，承诺的收益根本没兑现',
    '买的私募产品到期不能兑付',
  ],
  insurance_mis_selling: [
    '业务员说是存款，结果买成了分红型保险',
    '买保险时没人告诉我有犹豫期',
    '业务员承诺的收益和合同写的不一样',
    '想退保，只能退{amount}元，损失太大',
    '去银行存钱被推销了保险',
    '理赔申请被拒，理由很牵强',
    '给老人买的保险，业务员没说清楚保障范围',
  ],
  account_issue: [
    '账户突然被冻结，无法转账',
    '银行卡被限制了非柜面交易',
    '手机银行登录不了，一直提示异常',
    '账户里少了{amount}元，查不到去向',
    '实名认证一直不通过',
    '注销账户时被告知有未结清业务',
    '尾号{cardTail}的卡被锁定了',
  ],
  outage: [
    'APP转账失败，但钱被扣了{amount}元',
    '系统维护期间无法还款，结果算我逾期',
    '手机银行一直闪退',
    '扫码支付显示失败却扣了款',
    '网银转账一直显示处理中',
    '还款日系统故障，自动扣款没有成功',
  ],
  other: [
    '营业网点搬迁没有提前通知',
    '每天收到大量营销短信',
    '个人信息被泄露，接到很多推销电话',
    '办理的业务和宣传的不一致',
    '积分莫名其妙被清零了',
    '开具的结清证明一直拿不到',
  ],
};

const ASIDES = [
  '而且不是第一次了',
  '之前也发生过类似的情况',
  '我一直按时还款，信用良好',
  '当时的销售人员已经离职了',
  '我是老年人，不太会用手机',
  '这件事已经拖了一个多月',
  '{inst}的答复完全是敷衍',
];

const DETAILS = [
  '',
  '',
  '打了好几次客服电话都没解决',
  '客服一直推脱',
  '去网点问也说不清楚',
  '多次沟通无果',
  '对方的态度很差',
  '客服说3个工作日内回复，到现在都没消息',
  '我保留了通话录音和截图',
  '已经在APP里提交过申请，被驳回了',
  '身边好几个朋友也遇到了一样的情况',
];

const DEMANDS = [
  '希望尽快处理',
  '要求退还{amount}元',
  '请监管部门督促解决',
  '希望给个合理的说法',
  '要求赔偿我的损失',
  '请尽快核实并回复我',
  '希望能协商解决',
  '请给我一个明确的处理时间',
  '希望有关部门管一管',
];

const CLOSINGS = ['', '', '', '谢谢！', '麻烦了。', '盼复。', '急！', '感谢。', '谢谢领导。'];

const SEPARATORS = ['，', '，', '。', '；'];

/**
 * An honest consumer's own words. Pieces are drawn independently (and some dropped), so with the slot
 * values thousands of filings produce essentially no repeated text — repeated text is a ring signal.
 */
export function honestText(rng: Rng, category: KnownCategory, slots: TextSlots): string {
  const parts: string[] = [];
  const opening = rng.pick(OPENINGS);
  const when = rng.pick(WHEN);
  const event = rng.pick(EVENTS[category]);
  parts.push(`${opening}${when}${when === '' ? '' : '，'}${event}`);
  if (rng.chance(0.3)) parts.push(rng.pick(ASIDES));
  const detail = rng.pick(DETAILS);
  if (detail !== '') parts.push(detail);
  parts.push(rng.pick(DEMANDS));
  let text = parts[0] ?? '';
  for (const p of parts.slice(1)) text += rng.pick(SEPARATORS) + p;
  const closing = rng.pick(CLOSINGS);
  // People do drop the final stop, but not right before a closing word.
  text += rng.pick(closing === '' ? ['。', '！', '。', ''] : ['。', '！', '。']) + closing;
  return fill(text, slots);
}

const HARASSMENT_OPENINGS = [
  '{inst}的催收太过分了，',
  '我在{inst}的借款逾期了几天，',
  '投诉{inst}暴力催收：',
  '',
  '您好，',
  '{date}开始，',
];
const HARASSMENT_PHONE = [
  '一个{phone}的号码每天给我打电话',
  '{phone}这个号码打电话辱骂我',
  '催收人员用{phone}给我家人打电话',
  '对方自称{inst}的，电话是{phone}',
  '号码{phone}半夜打电话威胁我',
  '{phone}给我通讯录里的人发短信',
];

/**
 * A debtor's complaint about collectors. Debtors are honest, so the text is free-form; the one shared
 * trace is the collector number they quote (written the way each debtor saw it).
 */
export function harassmentText(rng: Rng, slots: TextSlots): string {
  const text =
    rng.pick(HARASSMENT_OPENINGS) +
    rng.pick(HARASSMENT_PHONE) +
    rng.pick(SEPARATORS) +
    rng.pick(EVENTS.collection_harassment) +
    rng.pick(SEPARATORS) +
    rng.pick(DEMANDS) +
    rng.pick(['。', '！']) +
    rng.pick(CLOSINGS);
  return fill(text, slots);
}

const TIPS_PIECES = [
  '在抖音上看到炒股直播，被拉进了微信群，群主微信{wechat}',
  '有人加我微信{wechat}，说是{inst}的投资顾问',
  '被拉进一个叫价值投资的群，老师的微信是{wechat}',
  '接到电话说免费推荐牛股，后来加了微信{wechat}',
];
const TIPS_LOSS = [
  '交了{amount}元会员费，推荐的股票全亏了',
  '让我交{amount}元升级VIP，结果亏了一大半',
  '说是内幕消息，收了{amount}元，现在人联系不上',
];

/** A stock-tips victim's complaint; victims quote the group's WeChat id, the ring's visible trace. */
export function stockTipsVictimText(rng: Rng, slots: TextSlots): string {
  const text =
    rng.pick(['', '您好，', '投诉：', '{date}，']) +
    rng.pick(TIPS_PIECES) +
    '，' +
    rng.pick(TIPS_LOSS) +
    rng.pick(SEPARATORS) +
    rng.pick(DEMANDS) +
    rng.pick(['。', '！', '']);
  return fill(text, slots);
}
