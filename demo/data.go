package demo

import "github.com/dealerline/dealerline/ent/dealer"

// The fixed part of the demo set. Tables, not maps, so the order of
// creation (and with it every random draw) never changes.

type channelSpec struct{ code, name, nameZh, description, manager string }

var channels = []channelSpec{
	{"RETAIL", "Retail", "零售", "Hardware stores and tool shops, served directly or through regional distributors.", "manager@demo.test"},
	{"KEY", "Key accounts", "大客户", "Construction firms and industrial buyers under framework agreements.", "keys@demo.test"},
	{"ECOM", "E-commerce", "电商", "Online shops and marketplace sellers.", "keys@demo.test"},
}

type territorySpec struct{ code, name, nameZh, region string }

var territories = []territorySpec{
	{"NC-BTH", "Beijing-Tianjin-Hebei", "京津冀", "North China"},
	{"NE-LJ", "Liaoning & Jilin", "辽吉", "Northeast China"},
	{"EC-YRD", "Yangtze River Delta", "长三角", "East China"},
	{"EC-SD", "Shandong", "山东", "East China"},
	{"SC-PRD", "Pearl River Delta", "珠三角", "South China"},
	{"CC-HH", "Hubei & Hunan", "湖北湖南", "Central China"},
	{"SW-CC", "Chengdu-Chongqing", "成渝", "Southwest China"},
	{"NW-SG", "Shaanxi & Gansu", "陕甘", "Northwest China"},
}

type userSpec struct {
	email, name string
	role        string // user.Role
	dealer      string // dealer code, DEALER users only
	dealerAdmin bool   // invites and deactivates its dealer's users
}

// staff sign in for the manufacturer; they exist before the channels they manage.
var staff = []userSpec{
	{"admin@demo.test", "Chen Jing", "ADMIN", "", false},
	{"manager@demo.test", "Liu Yang", "CHANNEL_MANAGER", "", false},
	{"keys@demo.test", "Wang Fang", "CHANNEL_MANAGER", "", false},
}

// dealerUsers sign in for a dealer.
var dealerUsers = []userSpec{
	{"north@demo.test", "Zhao Lei", "DEALER", NorthDistribution, false},
	{"south@demo.test", "Huang Min", "DEALER", SouthTraders, true},
	{"east@demo.test", "Sun Tao", "DEALER", "D-EAST", false},
	{"capital@demo.test", "Zhou Qiang", "DEALER", "D-BJ-01", false},
	{"toolmall@demo.test", "Wu Xia", "DEALER", "D-EC-01", false},
	// South Traders' second user, whom its administrator manages.
	{"south.sales@demo.test", "Lin Hui", "DEALER", SouthTraders, false},
}

type dealerSpec struct {
	code, name  string
	tier        int
	parent      string // distributor's code
	channel     string
	status      dealer.Status // ACTIVE when empty
	territories []string
	domain      string // contacts' email domain
}

const (
	probation  = dealer.StatusPROBATION
	suspended  = dealer.StatusSUSPENDED
	terminated = dealer.StatusTERMINATED
)

// dealers lists distributors before their sub-dealers.
var dealers = []dealerSpec{
	// Retail: North Distribution and its tree, South Traders on its own, independents.
	{NorthDistribution, "North Distribution", 1, "", "RETAIL", "", []string{"NC-BTH", "NE-LJ"}, "northdist.example"},
	{"D-BJ-01", "Capital Hardware & Tools", 2, NorthDistribution, "RETAIL", "", []string{"NC-BTH"}, "capitalhw.example"},
	{"D-TJ-01", "Tianjin Harbour Tools", 2, NorthDistribution, "RETAIL", "", []string{"NC-BTH"}, "tjharbourtools.example"},
	{"D-HB-01", "Hebei Builders Supply", 2, NorthDistribution, "RETAIL", probation, []string{"NC-BTH"}, "hebeibuilders.example"},
	{"D-LN-01", "Shenyang Industrial Supply", 2, NorthDistribution, "RETAIL", "", []string{"NE-LJ"}, "syindustrial.example"},
	{"D-LN-02", "Dalian Coastal Hardware", 2, NorthDistribution, "RETAIL", "", []string{"NE-LJ", "EC-SD"}, "dlcoastal.example"},
	{SouthTraders, "South Traders", 2, "", "RETAIL", "", []string{"SC-PRD"}, "southtraders.example"},
	{"D-GZ-01", "Pearl River Tool Centre", 2, "", "RETAIL", "", []string{"SC-PRD"}, "pearlrivertools.example"},
	{"D-WH-01", "Wuhan Riverside Hardware", 2, "", "RETAIL", "", []string{"CC-HH"}, "whriverside.example"},
	{"D-CS-01", "Changsha Power Tools", 2, "", "RETAIL", suspended, []string{"CC-HH"}, "cspowertools.example"},
	{"D-CD-01", "Chengdu Western Tools", 2, "", "RETAIL", "", []string{"SW-CC"}, "cdwestern.example"},
	{"D-XA-01", "Xi'an Silk Road Hardware", 2, "", "RETAIL", "", []string{"NW-SG"}, "silkroadhw.example"},
	{"D-QD-01", "Qingdao Seaside Tools", 2, "", "RETAIL", terminated, []string{"EC-SD"}, "qdseaside.example"},

	// Key accounts: East Coast Supply and its tree, direct accounts.
	{"D-EAST", "East Coast Supply", 1, "", "KEY", "", []string{"EC-YRD", "EC-SD"}, "eastcoastsupply.example"},
	{"D-SH-01", "Shanghai Construction Supply", 2, "D-EAST", "KEY", "", []string{"EC-YRD"}, "shconstruction.example"},
	{"D-HZ-01", "Hangzhou Facility Services", 2, "D-EAST", "KEY", "", []string{"EC-YRD"}, "hzfacility.example"},
	{"D-NJ-01", "Nanjing Industrial Maintenance", 2, "D-EAST", "KEY", "", []string{"EC-YRD"}, "njmaintenance.example"},
	{"D-SZ-01", "Suzhou Factory Tools", 2, "D-EAST", "KEY", probation, []string{"EC-YRD"}, "szfactorytools.example"},
	{"D-JN-01", "Jinan Plant Services", 2, "D-EAST", "KEY", "", []string{"EC-SD"}, "jnplant.example"},
	{"D-KA-01", "Great Wall Construction Group", 2, "", "KEY", "", []string{"NC-BTH", "NE-LJ", "NW-SG"}, "greatwallcg.example"},
	{"D-KA-02", "Southern Metro Builders", 2, "", "KEY", "", []string{"SC-PRD", "CC-HH"}, "smbuilders.example"},
	{"D-KA-03", "Sichuan Infrastructure Works", 2, "", "KEY", suspended, []string{"SW-CC"}, "scinfra.example"},

	// E-commerce: online sellers, all tier 2.
	{"D-EC-01", "ToolMall Online", 2, "", "ECOM", "", []string{"EC-YRD", "SC-PRD", "NC-BTH"}, "toolmall.example"},
	{"D-EC-02", "DIY Direct", 2, "", "ECOM", "", []string{"EC-YRD"}, "diydirect.example"},
	{"D-EC-03", "BuildBox Store", 2, "", "ECOM", "", []string{"SC-PRD", "CC-HH"}, "buildbox.example"},
	{"D-EC-04", "Handyman Hub", 2, "", "ECOM", "", []string{"NC-BTH"}, "handymanhub.example"},
	{"D-EC-05", "Garden & Tool Express", 2, "", "ECOM", "", []string{"EC-SD", "EC-YRD"}, "gardentoolexpress.example"},
	{"D-EC-06", "ProTool Outlet", 2, "", "ECOM", probation, []string{"SW-CC"}, "protooloutlet.example"},
	{"D-EC-07", "Maker Workshop Online", 2, "", "ECOM", "", []string{"EC-YRD", "CC-HH"}, "makerworkshop.example"},
	{"D-EC-08", "Yard Pro Online", 2, "", "ECOM", "", []string{"NW-SG", "SW-CC"}, "yardpro.example"},
}

type productSpec struct {
	sku, name, category string
	list                int64 // list price in whole CNY
	inactive            bool
	ecom                bool // has an E-commerce channel price
}

var products = []productSpec{
	{"DR-1801", "18V Brushless Drill Driver", "Drills & Drivers", 1299, false, true},
	{"DR-1802", "18V Brushless Impact Driver", "Drills & Drivers", 1199, false, false},
	{"DR-1803", "18V Combi Hammer Drill", "Drills & Drivers", 1499, false, false},
	{"DR-1804", "18V Impact Wrench 1/2\"", "Drills & Drivers", 1699, false, false},
	{"DR-1201", "12V Compact Drill Driver", "Drills & Drivers", 699, false, true},
	{"DR-1202", "12V Cordless Screwdriver", "Drills & Drivers", 399, true, false},
	{"DR-2601", "800W SDS-plus Rotary Hammer 26mm", "Drills & Drivers", 999, false, false},
	{"DR-1600", "1600W Paddle Mixer", "Drills & Drivers", 899, false, false},

	{"SW-1801", "18V Circular Saw 165mm", "Saws", 1399, false, false},
	{"SW-1802", "18V Jigsaw", "Saws", 1099, false, true},
	{"SW-1803", "18V Reciprocating Saw", "Saws", 1199, false, false},
	{"SW-1804", "18V Plunge Saw 165mm", "Saws", 2599, false, false},
	{"SW-2501", "255mm Sliding Mitre Saw", "Saws", 3299, false, false},
	{"SW-2502", "255mm Table Saw", "Saws", 2999, false, false},

	{"GS-1801", "18V Angle Grinder 125mm", "Grinders & Sanders", 999, false, false},
	{"GS-1000", "1000W Angle Grinder 100mm", "Grinders & Sanders", 299, true, false},
	{"GS-2200", "2200W Angle Grinder 230mm", "Grinders & Sanders", 899, false, false},
	{"GS-1802", "18V Random Orbit Sander 125mm", "Grinders & Sanders", 899, false, true},
	{"GS-0900", "900W Belt Sander 76mm", "Grinders & Sanders", 799, false, false},
	{"GS-1803", "18V Detail Sander", "Grinders & Sanders", 499, false, false},
	{"GS-1804", "18V Planer 82mm", "Grinders & Sanders", 1199, false, false},

	{"BC-1820", "18V 2.0Ah Battery", "Batteries & Chargers", 399, false, false},
	{"BC-1840", "18V 4.0Ah Battery", "Batteries & Chargers", 599, false, true},
	{"BC-1850", "18V 5.0Ah Battery", "Batteries & Chargers", 699, false, false},
	{"BC-1880", "18V 8.0Ah High-Output Battery", "Batteries & Chargers", 1199, false, false},
	{"BC-1801", "18V Rapid Charger", "Batteries & Chargers", 349, false, false},
	{"BC-1802", "18V Dual-Port Charger", "Batteries & Chargers", 599, false, false},
	{"BC-1899", "18V Starter Kit (2 x 4.0Ah + Rapid Charger)", "Batteries & Chargers", 1399, false, true},

	{"OP-3601", "36V Lawn Mower 40cm", "Outdoor Power", 2999, false, false},
	{"OP-1801", "18V Hedge Trimmer 55cm", "Outdoor Power", 1099, false, true},
	{"OP-1802", "18V String Trimmer", "Outdoor Power", 899, false, false},
	{"OP-1803", "18V Leaf Blower", "Outdoor Power", 799, false, true},
	{"OP-3602", "36V Chainsaw 35cm", "Outdoor Power", 1999, false, false},
	{"OP-2000", "2000W Pressure Washer 130 bar", "Outdoor Power", 1499, false, false},

	{"AC-0110", "HSS Drill Bit Set, 10 pcs", "Accessories", 129, false, true},
	{"AC-0132", "Screwdriver Bit Set, 32 pcs", "Accessories", 99, false, true},
	{"AC-0125", "Cutting Discs 125mm, 25 pcs", "Accessories", 159, false, false},
	{"AC-0150", "Sanding Discs 125mm Assorted, 50 pcs", "Accessories", 89, false, false},
	{"AC-0200", "Tool Bag 20\"", "Accessories", 259, true, false},
	{"AC-0300", "Stackable Tool Case, Large", "Accessories", 399, false, false},
}

// categoriesZh are the products' categories in Chinese.
var categoriesZh = map[string]string{
	"Drills & Drivers":     "电钻与起子机",
	"Saws":                 "电锯",
	"Grinders & Sanders":   "角磨机与砂光机",
	"Batteries & Chargers": "电池与充电器",
	"Outdoor Power":        "园林动力工具",
	"Accessories":          "配件",
}

// productNamesZh are the products' names in Chinese, by SKU.
var productNamesZh = map[string]string{
	"DR-1801": "18V 无刷电钻",
	"DR-1802": "18V 无刷冲击起子机",
	"DR-1803": "18V 冲击钻",
	"DR-1804": "18V 冲击扳手 1/2\"",
	"DR-1201": "12V 紧凑型电钻",
	"DR-1202": "12V 充电式电动螺丝刀",
	"DR-2601": "800W SDS-plus 电锤 26mm",
	"DR-1600": "1600W 搅拌机",

	"SW-1801": "18V 圆锯 165mm",
	"SW-1802": "18V 曲线锯",
	"SW-1803": "18V 往复锯",
	"SW-1804": "18V 轨道锯 165mm",
	"SW-2501": "255mm 推拉式斜切锯",
	"SW-2502": "255mm 台锯",

	"GS-1801": "18V 角磨机 125mm",
	"GS-1000": "1000W 角磨机 100mm",
	"GS-2200": "2200W 角磨机 230mm",
	"GS-1802": "18V 偏心砂光机 125mm",
	"GS-0900": "900W 砂带机 76mm",
	"GS-1803": "18V 三角砂光机",
	"GS-1804": "18V 电刨 82mm",

	"BC-1820": "18V 2.0Ah 电池",
	"BC-1840": "18V 4.0Ah 电池",
	"BC-1850": "18V 5.0Ah 电池",
	"BC-1880": "18V 8.0Ah 高输出电池",
	"BC-1801": "18V 快速充电器",
	"BC-1802": "18V 双口充电器",
	"BC-1899": "18V 入门套装（4.0Ah 电池 ×2 + 快速充电器）",

	"OP-3601": "36V 割草机 40cm",
	"OP-1801": "18V 绿篱机 55cm",
	"OP-1802": "18V 打草机",
	"OP-1803": "18V 吹叶机",
	"OP-3602": "36V 链锯 35cm",
	"OP-2000": "2000W 高压清洗机 130bar",

	"AC-0110": "高速钢钻头套装（10 支）",
	"AC-0132": "螺丝批头套装（32 件）",
	"AC-0125": "125mm 切割片（25 片）",
	"AC-0150": "125mm 砂纸片混装（50 片）",
	"AC-0200": "20\" 工具包",
	"AC-0300": "大号可堆叠工具箱",
}

// repricedSKU had a price rise: its tier prices show an expired period
// before the current one.
const repricedSKU = "DR-1801"

var (
	surnames   = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"}
	givenNames = []string{"Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Yong", "Jie", "Tao", "Ming", "Hui", "Xin", "Ping", "Gang", "Hong", "Lan", "Bo"}
	// The primary contact is whoever signs; the others run the day to day.
	primaryTitles = []string{"General Manager", "Owner", "Managing Director"}
	otherTitles   = []string{"Purchasing Manager", "Sales Director", "Finance Manager", "Warehouse Supervisor", "Store Manager", "Operations Manager", "Accountant"}
	mobilePrefix  = []string{"133", "135", "136", "138", "139", "150", "158", "186", "189"}
	paymentTerms  = []int{30, 30, 45, 60}
)
