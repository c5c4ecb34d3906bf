package history

import (
	"math/rand/v2"

	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// What staff write down about dealers and what dealers ask, in English and
// in Chinese, with blanks that words fills. Slices, not maps, so that the
// order of every draw stays fixed.

// topic is one kind of interaction: its subject, notes and outcome, and
// the follow-up it may set ("" for none).
type topic struct {
	kind                              interaction.Kind
	zh                                bool
	subject, notes, outcome, followUp string
}

const (
	en = false
	zh = true
)

var topics = []topic{
	{interaction.KindVISIT, en, "Store visit: {category} shelf",
		"Walked the shop floor with {contact}. The {category} shelf was half empty and the {product} had sold out a week ago. Checked the demo units and replaced two worn price tags.",
		"Restock order of the {sku} expected this week.", "Check that the restock order of the {sku} has come in."},
	{interaction.KindVISIT, en, "Quarterly business visit",
		"Reviewed the quarter's sell-out with {contact}: {category} up about {pct}% on last year, accessories flat. They want more demo units for the weekend promotions.",
		"Agreed to lend two demo kits for a month.", "Send two demo kits and the promotion posters."},
	{interaction.KindVISIT, en, "Visit with a contractor customer in {city}",
		"Joined {contact} at a fit-out site in {city}. The contractor uses our {product} every day and asked about a fleet price for twenty units.",
		"Quote for twenty units to follow.", "Send the fleet quote for the {sku}."},
	{interaction.KindVISIT, en, "Showroom refit check",
		"The new counter display is up; the battery wall still has the old layout. {contact} asked for the planogram of the 18V range.",
		"Planogram sent by email the same day.", ""},
	{interaction.KindVISIT, zh, "门店拜访：{category}陈列",
		"与{who}一起查看门店，{category}货架缺货较多，{sku}上周已售罄。更换了两个旧价签，检查了样机。",
		"客户本周下补货订单。", "跟进{sku}补货订单是否已下单。"},
	{interaction.KindVISIT, zh, "季度拜访",
		"与{who}回顾本季度销售情况：{category}同比增长约{pct}%，配件持平。客户希望周末促销时增加样机。",
		"同意借出两套样机一个月。", "寄出两套样机和促销海报。"},
	{interaction.KindVISIT, zh, "陪同拜访{city}工地客户",
		"与{who}一起走访{city}的装修工地，施工方每天使用我们的{sku}，询问二十台的批量价格。",
		"会后提供批量报价。", "发送{sku}的批量报价。"},

	{interaction.KindCALL, en, "Call about overdue invoices",
		"Called {contact} about two invoices past their due date. They are waiting for a customer's payment on a project and promised a transfer by Friday.",
		"Payment promised by Friday.", "Check that the overdue invoices are paid."},
	{interaction.KindCALL, en, "Delivery complaint",
		"{contact} called: the last shipment arrived two days late and one carton of {product} was crushed. Passed the details to logistics and asked the carrier for the delivery photos.",
		"Logistics to replace the damaged units.", "Confirm that the replacement units have shipped."},
	{interaction.KindCALL, en, "Price enquiry for the {sku}",
		"{contact} asked whether the price of the {product} changes next quarter and whether a volume discount applies above fifty units.",
		"Explained the tier price; no change planned this quarter.", ""},
	{interaction.KindCALL, en, "Stock for a customer project",
		"{contact} needs thirty {product} for a customer project next month and wanted to know the stock in the Kunshan warehouse.",
		"Stock confirmed; they will order next week.", "Hold thirty {sku} until the order comes in."},
	{interaction.KindCALL, zh, "维修进度投诉",
		"{who}来电投诉，送修的{sku}两周还没有返回，终端客户多次催促。已转售后部门加急处理。",
		"售后部门承诺三天内答复。", "确认售后部门已答复维修进度。"},
	{interaction.KindCALL, zh, "逾期账款催收",
		"致电{who}，两张发票已逾期。客户表示在等项目回款，承诺本周五前付款。",
		"客户承诺周五前付款。", "核实逾期发票是否已付款。"},
	{interaction.KindCALL, zh, "物流延误沟通",
		"{who}反映上批货物晚到两天，有一箱{sku}外包装破损。已通知物流部并向承运商索取签收照片。",
		"物流部安排补发。", "确认补发货物已发出。"},
	{interaction.KindCALL, zh, "询价：{sku}",
		"{who}询问{sku}下季度是否调价，五十台以上是否有批量折扣。",
		"已说明现行等级价格，本季度不调价。", ""},

	{interaction.KindMEETING, en, "Annual target review",
		"Met {contact} and the owner to agree next year's targets. They expect growth in {category} and want support for two new stores in {city}.",
		"Target agreed at {pct}% growth; store opening support to be proposed.", "Prepare the store opening support proposal."},
	{interaction.KindMEETING, en, "Credit limit review",
		"Went through the account with {contact}: paid on time for the last six months, asking for a higher credit limit before the peak season.",
		"Recommended a higher limit to finance.", "Get finance's decision on the credit limit."},
	{interaction.KindMEETING, en, "Joint business plan",
		"Worked through the half-year plan with {contact}: focus on {category}, one training a quarter and a co-funded promotion in {city}.",
		"Plan agreed; promotion dates to be fixed.", "Fix the promotion dates with marketing."},
	{interaction.KindMEETING, zh, "年度目标沟通",
		"与{who}及老板商定明年销售目标，客户看好{category}，计划在{city}新开两家门店，希望得到开业支持。",
		"目标增长{pct}%，开业支持方案待提交。", "准备新店开业支持方案。"},
	{interaction.KindMEETING, zh, "信用额度评估",
		"与{who}一起核对账目：近六个月均按时付款，希望旺季前提高信用额度。",
		"已向财务部建议提高额度。", "跟进财务部对信用额度的审批。"},
	{interaction.KindMEETING, zh, "半年度经营计划",
		"与{who}讨论下半年计划：重点推广{category}，每季度一次培训，在{city}联合做一次促销。",
		"计划已确认，促销日期待定。", "与市场部确定促销日期。"},

	{interaction.KindEMAIL, en, "Sent the new price list",
		"Emailed {contact} the price list for next quarter, with the changes for {category} highlighted.",
		"Received; no questions so far.", ""},
	{interaction.KindEMAIL, en, "Marketing fund claim",
		"{contact} sent the invoices for the spring promotion in {city}. Checked them against the agreed budget; one invoice lacks the event photos.",
		"Asked for the missing photos before approval.", "Approve the marketing fund claim once the photos arrive."},
	{interaction.KindEMAIL, en, "Warranty returns summary",
		"Sent {contact} this month's warranty returns: {n} units, most of them {product}.",
		"They will check how the stock is stored in the shop.", ""},
	{interaction.KindEMAIL, zh, "发送新价格表",
		"已将下季度价格表发给{who}，并标注了{category}的调价。",
		"客户已收到，暂无疑问。", ""},
	{interaction.KindEMAIL, zh, "市场费用报销",
		"{who}提交了{city}春季促销的发票，与预算核对后发现一张发票缺少活动照片。",
		"请客户补充照片后再审批。", "收到照片后审批市场费用。"},

	{interaction.KindMESSAGE, en, "WeChat: stock check for the {sku}",
		"{contact} asked on WeChat whether the {product} is in stock for delivery this week.",
		"Stock confirmed; they ordered the same evening.", ""},
	{interaction.KindMESSAGE, en, "WeChat: promotion photos",
		"{contact} sent photos of the weekend promotion in {city}: the {category} demo table drew a crowd.",
		"Shared the photos with marketing.", ""},
	{interaction.KindMESSAGE, en, "Payment reminder",
		"Reminded {contact} by message that an invoice falls due tomorrow.",
		"They confirmed the transfer is scheduled.", "Check that the invoice due tomorrow is paid."},
	{interaction.KindMESSAGE, zh, "微信沟通：{sku}库存",
		"{who}微信询问{sku}本周能否发货。",
		"确认有货，客户当晚下单。", ""},
	{interaction.KindMESSAGE, zh, "微信：促销活动照片",
		"{who}发来{city}周末促销的照片，{category}体验台人气很旺。",
		"照片已转给市场部。", ""},

	{interaction.KindTRAINING, en, "Product training: {category}",
		"Trained {n} sales staff at the store on the {product}: features, common questions and how to demonstrate it.",
		"Staff passed the short quiz; certificates to be sent.", "Send the training certificates."},
	{interaction.KindTRAINING, en, "Service training for the workshop",
		"Showed {contact}'s technicians how to replace the brushes and the switch of the {product} and how to file a warranty claim.",
		"They can now do simple repairs in the shop.", ""},
	{interaction.KindTRAINING, zh, "产品培训：{category}",
		"为门店{n}名销售人员培训{sku}的功能、常见问题和演示方法。",
		"培训考核通过，证书随后寄出。", "寄出培训证书。"},
	{interaction.KindTRAINING, zh, "售后维修培训",
		"为{who}的维修技师讲解{sku}更换碳刷和开关的方法，以及保修申请流程。",
		"门店已能处理简单维修。", ""},
}

// TicketTopic is what a service request asks and how its thread goes:
// staff's answer, the dealer's next message and staff's second answer.
type TicketTopic struct {
	Category              serviceticket.Category
	Chinese               bool
	AboutOrder            bool // names an order of the dealer
	Subject, Body         string
	Answer, Again, Second string
}

// TicketTopics are the service requests dealers open.
var TicketTopics = []TicketTopic{
	{serviceticket.CategoryDELIVERY, en, true, "Shipment arrived with a damaged carton",
		"Our order arrived today; one carton of {product} was crushed and two units have cracked housings. The damage is noted on the signed delivery note.",
		"Sorry for the damage. Two replacement units go out with your next shipment, and the damaged ones are credited once the carrier confirms.",
		"Thanks. Can the replacements be on this week's truck? Our customer is waiting.",
		"Yes: they leave the Kunshan warehouse tomorrow morning."},
	{serviceticket.CategoryDELIVERY, en, true, "Delivery is late",
		"The shipment of our order was due on Monday and its tracking has not moved from the hub for three days.",
		"The carrier held it at the hub because the delivery road is closed for works. It goes out on the next working day.",
		"Please ask them to call our warehouse before they come.",
		"Done: the driver will call an hour ahead."},
	{serviceticket.CategoryDELIVERY, zh, true, "物流延误，货物未按时到达",
		"订单预计上周到货，至今未收到，物流信息一直停在中转站。请帮忙查询。",
		"已联系承运商，货物因道路施工滞留在中转站，预计两天内送达。",
		"好的，请到货前电话通知仓库。",
		"已安排司机提前一小时电话联系。"},
	{serviceticket.CategoryDELIVERY, zh, true, "到货数量不符",
		"本次到货少了一箱{sku}，签收单上的数量与订单不一致。",
		"已核对出库记录，确认少发一箱，今天补发。",
		"收到，请告知补发的运单号。",
		"补发的货物已在途中，运单号已发到您的邮箱。"},

	{serviceticket.CategoryPRODUCT, en, false, "Batteries stop charging",
		"Two customers returned {product} units that stop charging after a few minutes; the charger light blinks red.",
		"Please send us the serial numbers. This matches an early charger firmware; we will swap the chargers free of charge.",
		"Serial numbers sent by email this morning.",
		"Replacement chargers are on their way."},
	{serviceticket.CategoryPRODUCT, en, false, "Warranty question about the {sku}",
		"A customer asks whether the warranty of the {product} covers daily use on building sites.",
		"Yes: two years for professional use, with the receipt.",
		"And does it cover the battery too?",
		"The battery has its own two-year warranty, on the same terms."},
	{serviceticket.CategoryPRODUCT, zh, false, "电池充电故障",
		"有客户反映{sku}充电几分钟后自动停止，充电器红灯闪烁。",
		"请提供产品序列号。这与早期充电器固件的问题一致，我们将免费更换充电器。",
		"序列号已通过邮件发送。",
		"替换的充电器已寄出。"},
	{serviceticket.CategoryPRODUCT, zh, false, "售后维修进度查询",
		"上月送修的三台{sku}至今没有消息，终端客户一直在催。",
		"抱歉久等，维修配件已到，预计本周寄回。",
		"请尽快，客户已经等了一个月。",
		"已加急处理，明天发出。"},

	{serviceticket.CategoryBILLING, en, true, "Invoice price does not match the order",
		"The invoice of our last shipment charges a higher unit price for the {product} than our order.",
		"You are right: the order was priced before the price change. A credit note for the difference is issued today.",
		"Thank you, we will deduct it from our next payment.",
		"The credit note is on your statement now."},
	{serviceticket.CategoryBILLING, en, false, "Payment not shown on our statement",
		"We paid by bank transfer last week, but the statement still shows the invoice as open.",
		"The transfer reached us without a reference; it is now allocated to your invoice.",
		"Thanks. Which reference should we use next time?",
		"The invoice number is enough, in the transfer's remarks."},
	{serviceticket.CategoryBILLING, zh, true, "发票金额与订单不符",
		"最近一批货的发票上{sku}的单价比订单高，请核对。",
		"已核实：订单在调价前下单，差额今天开具红字发票冲抵。",
		"好的，下次付款时抵扣。",
		"红字发票已在对账单中显示。"},
	{serviceticket.CategoryBILLING, zh, false, "对账单未显示付款",
		"上周已银行转账，对账单上发票仍显示未付。",
		"转账未附备注，现已核销到对应发票。",
		"谢谢，下次转账备注写什么？",
		"在转账备注中写发票号即可。"},

	{serviceticket.CategoryOTHER, en, false, "Display materials for the shop",
		"We are redoing the shop front. Could you send posters and a counter display for the cordless range?",
		"A display kit goes out with your next order.",
		"Could you add a few {category} brochures as well?",
		"Added: fifty brochures travel with the display kit."},
	{serviceticket.CategoryOTHER, en, false, "Training for new staff",
		"Three new sales assistants started this month. Could you arrange a product training on {category}?",
		"Your channel manager will train them at the store next Tuesday morning.",
		"Tuesday works. Please bring a demo {sku}.",
		"Noted: the demo unit comes along."},
	{serviceticket.CategoryOTHER, zh, false, "申请门店展示物料",
		"门店重新装修，申请一套无线工具系列的展架和海报。",
		"展示物料将随下批订单一起发出。",
		"能否再加一些{category}的宣传册？",
		"已加上五十份宣传册，随展架一起发出。"},
	{serviceticket.CategoryOTHER, zh, false, "申请产品培训",
		"新招了三名店员，希望安排一次{category}产品培训。",
		"渠道经理下周二上午到店培训。",
		"周二可以，请带一台{sku}样机。",
		"好的，样机一起带过去。"},
}

// ticketWeights are how often each category is asked about.
var ticketWeights = map[serviceticket.Category]int{
	serviceticket.CategoryDELIVERY: 35, serviceticket.CategoryPRODUCT: 30,
	serviceticket.CategoryBILLING: 15, serviceticket.CategoryOTHER: 20,
}

func drawTicketTopic(r *rand.Rand) TicketTopic {
	sum := 0
	for _, t := range TicketTopics {
		sum += ticketWeights[t.Category]
	}
	x := r.IntN(sum)
	for _, t := range TicketTopics {
		if x < ticketWeights[t.Category] {
			return t
		}
		x -= ticketWeights[t.Category]
	}
	return TicketTopics[0]
}

// The Chinese of the names the data sets use.
var (
	surnamesZH = map[string]string{
		"Wang": "王", "Li": "李", "Zhang": "张", "Liu": "刘", "Chen": "陈", "Yang": "杨", "Zhao": "赵",
		"Huang": "黄", "Zhou": "周", "Wu": "吴", "Xu": "徐", "Sun": "孙", "Hu": "胡", "Zhu": "朱",
		"Gao": "高", "Lin": "林", "He": "何", "Guo": "郭", "Ma": "马", "Luo": "罗",
	}
	categoriesZH = map[string]string{
		"Drills & Drivers": "电钻", "Saws": "电锯", "Grinders & Sanders": "角磨机和砂光机",
		"Batteries & Chargers": "电池和充电器", "Outdoor Power": "园林工具", "Accessories": "配件",
		"Measuring": "测量工具", "Workshop": "车间设备",
	}
	citiesZH = map[string]string{
		"Beijing": "北京", "Tianjin": "天津", "Shijiazhuang": "石家庄", "Tangshan": "唐山", "Baoding": "保定",
		"Taiyuan": "太原", "Hohhot": "呼和浩特", "Handan": "邯郸", "Shenyang": "沈阳", "Dalian": "大连",
		"Changchun": "长春", "Harbin": "哈尔滨", "Anshan": "鞍山", "Jilin": "吉林", "Daqing": "大庆",
		"Qiqihar": "齐齐哈尔", "Shanghai": "上海", "Hangzhou": "杭州", "Nanjing": "南京", "Suzhou": "苏州",
		"Ningbo": "宁波", "Hefei": "合肥", "Jinan": "济南", "Qingdao": "青岛", "Fuzhou": "福州",
		"Xiamen": "厦门", "Quanzhou": "泉州", "Nanchang": "南昌", "Wenzhou": "温州", "Ganzhou": "赣州",
		"Putian": "莆田", "Zhangzhou": "漳州", "Guangzhou": "广州", "Shenzhen": "深圳", "Dongguan": "东莞",
		"Foshan": "佛山", "Nanning": "南宁", "Haikou": "海口", "Zhuhai": "珠海", "Liuzhou": "柳州",
		"Wuhan": "武汉", "Changsha": "长沙", "Zhengzhou": "郑州", "Luoyang": "洛阳", "Yichang": "宜昌",
		"Xiangyang": "襄阳", "Zhuzhou": "株洲", "Kaifeng": "开封", "Chengdu": "成都", "Chongqing": "重庆",
		"Kunming": "昆明", "Guiyang": "贵阳", "Mianyang": "绵阳", "Zunyi": "遵义", "Lhasa": "拉萨",
		"Nanchong": "南充", "Xi'an": "西安", "Lanzhou": "兰州", "Urumqi": "乌鲁木齐", "Yinchuan": "银川",
		"Xining": "西宁", "Baoji": "宝鸡", "Xianyang": "咸阳", "Karamay": "克拉玛依",
	}
)
