package seed

// The fixed vocabulary the generated data set draws from. Slices, not maps,
// so that the order of every draw stays fixed.

type channelSpec struct {
	code, name, nameZh, description string
	share                           int  // percent of the dealers
	distributors                    bool // has tier-1 distributors
	manager                         string
}

var channelSpecs = []channelSpec{
	{"RETAIL", "Retail", "零售", "Hardware stores and tool shops, served directly or through regional distributors.", 55, true, "Liu Yang"},
	{"KEY", "Key accounts", "大客户", "Construction firms and industrial buyers under framework agreements.", 15, true, "Wang Fang"},
	{"ECOM", "E-commerce", "电商", "Online shops and marketplace sellers.", 20, false, "Zhang Wei"},
	{"PROJ", "Projects & installers", "工程与安装", "Installers and fit-out contractors buying for their sites.", 10, true, "Li Na"},
}

type regionSpec struct {
	code, name, hub string
	cities          []string
	citiesZh        []string // the cities in Chinese, in the same order
}

// regions hold a territory per city: 64 in all.
var regions = []regionSpec{
	{"NC", "North China", "Langfang hub", []string{"Beijing", "Tianjin", "Shijiazhuang", "Tangshan", "Baoding", "Taiyuan", "Hohhot", "Handan"}, []string{"北京", "天津", "石家庄", "唐山", "保定", "太原", "呼和浩特", "邯郸"}},
	{"NE", "Northeast China", "Shenyang hub", []string{"Shenyang", "Dalian", "Changchun", "Harbin", "Anshan", "Jilin", "Daqing", "Qiqihar"}, []string{"沈阳", "大连", "长春", "哈尔滨", "鞍山", "吉林", "大庆", "齐齐哈尔"}},
	{"EC", "East China", "Kunshan hub", []string{"Shanghai", "Hangzhou", "Nanjing", "Suzhou", "Ningbo", "Hefei", "Jinan", "Qingdao"}, []string{"上海", "杭州", "南京", "苏州", "宁波", "合肥", "济南", "青岛"}},
	{"SE", "Southeast China", "Xiamen hub", []string{"Fuzhou", "Xiamen", "Quanzhou", "Nanchang", "Wenzhou", "Ganzhou", "Putian", "Zhangzhou"}, []string{"福州", "厦门", "泉州", "南昌", "温州", "赣州", "莆田", "漳州"}},
	{"SC", "South China", "Dongguan hub", []string{"Guangzhou", "Shenzhen", "Dongguan", "Foshan", "Nanning", "Haikou", "Zhuhai", "Liuzhou"}, []string{"广州", "深圳", "东莞", "佛山", "南宁", "海口", "珠海", "柳州"}},
	{"CC", "Central China", "Wuhan hub", []string{"Wuhan", "Changsha", "Zhengzhou", "Luoyang", "Yichang", "Xiangyang", "Zhuzhou", "Kaifeng"}, []string{"武汉", "长沙", "郑州", "洛阳", "宜昌", "襄阳", "株洲", "开封"}},
	{"SW", "Southwest China", "Chengdu hub", []string{"Chengdu", "Chongqing", "Kunming", "Guiyang", "Mianyang", "Zunyi", "Lhasa", "Nanchong"}, []string{"成都", "重庆", "昆明", "贵阳", "绵阳", "遵义", "拉萨", "南充"}},
	{"NW", "Northwest China", "Xi'an hub", []string{"Xi'an", "Lanzhou", "Urumqi", "Yinchuan", "Xining", "Baoji", "Xianyang", "Karamay"}, []string{"西安", "兰州", "乌鲁木齐", "银川", "西宁", "宝鸡", "咸阳", "克拉玛依"}},
}

type categorySpec struct {
	name, prefix string
	lo, hi       int64 // list price range, whole CNY
	bases        []string
	nameZh       string
	basesZh      []string // the bases in Chinese, in the same order
}

var categories = []categorySpec{
	{"Drills & Drivers", "DR", 399, 1999, []string{"Brushless Drill Driver", "Impact Driver", "Combi Hammer Drill", "Impact Wrench", "Compact Drill Driver", "Rotary Hammer", "Paddle Mixer", "Screwdriver"}, "电钻与起子机", []string{"无刷电钻", "冲击起子机", "冲击钻", "冲击扳手", "紧凑型电钻", "电锤", "搅拌机", "电动螺丝刀"}},
	{"Saws", "SW", 599, 3999, []string{"Circular Saw", "Jigsaw", "Reciprocating Saw", "Plunge Saw", "Sliding Mitre Saw", "Table Saw", "Band Saw", "Multi-Tool"}, "电锯", []string{"圆锯", "曲线锯", "往复锯", "轨道锯", "推拉式斜切锯", "台锯", "带锯", "多功能工具"}},
	{"Grinders & Sanders", "GS", 299, 1499, []string{"Angle Grinder", "Random Orbit Sander", "Belt Sander", "Detail Sander", "Planer", "Die Grinder", "Polisher", "Wall Sander"}, "角磨机与砂光机", []string{"角磨机", "偏心砂光机", "砂带机", "三角砂光机", "电刨", "直磨机", "抛光机", "墙面打磨机"}},
	{"Batteries & Chargers", "BC", 299, 1499, []string{"Battery 2.0Ah", "Battery 4.0Ah", "Battery 5.0Ah", "High-Output Battery", "Rapid Charger", "Dual-Port Charger", "Starter Kit", "Power Adapter"}, "电池与充电器", []string{"电池 2.0Ah", "电池 4.0Ah", "电池 5.0Ah", "高输出电池", "快速充电器", "双口充电器", "入门套装", "电源适配器"}},
	{"Outdoor Power", "OP", 799, 3499, []string{"Lawn Mower", "Hedge Trimmer", "String Trimmer", "Leaf Blower", "Chainsaw", "Pressure Washer", "Pole Saw", "Tiller"}, "园林动力工具", []string{"割草机", "绿篱机", "打草机", "吹叶机", "链锯", "高压清洗机", "高枝锯", "微耕机"}},
	{"Measuring", "MS", 199, 2999, []string{"Laser Distance Meter", "Line Laser", "Rotary Laser", "Digital Level", "Wall Scanner", "Moisture Meter", "Thermal Detector", "Tripod"}, "测量工具", []string{"激光测距仪", "激光水平仪", "旋转激光仪", "数显水平尺", "墙体探测仪", "湿度计", "热成像仪", "三脚架"}},
	{"Accessories", "AC", 59, 399, []string{"Drill Bit Set", "Screwdriver Bit Set", "Cutting Discs", "Sanding Discs", "Tool Bag", "Tool Case", "Saw Blade", "Hole Saw Set"}, "配件", []string{"钻头套装", "螺丝批头套装", "切割片", "砂纸片", "工具包", "工具箱", "锯片", "开孔器套装"}},
	{"Workshop", "WS", 499, 4999, []string{"Workbench", "Dust Extractor", "Compressor", "Bench Grinder", "Drill Press", "Welder", "Heat Gun", "Glue Gun"}, "车间设备", []string{"工作台", "吸尘器", "空压机", "台式砂轮机", "台钻", "电焊机", "热风枪", "热熔胶枪"}},
}

// variants tell the products of one base apart.
var variants = []string{"12V", "18V", "18V Pro", "36V", "Compact", "Heavy Duty", "Xpress", "Site", "Max", "Lite"}

// variantsZh are the variants in Chinese, in the same order.
var variantsZh = []string{"12V", "18V", "18V 专业版", "36V", "紧凑型", "重型", "快速型", "工地型", "Max", "轻型"}

var (
	surnames      = []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"}
	givenNames    = []string{"Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Yong", "Jie", "Tao", "Ming", "Hui", "Xin", "Ping", "Gang", "Hong", "Lan", "Bo"}
	primaryTitles = []string{"General Manager", "Owner", "Managing Director"}
	mobilePrefix  = []string{"133", "135", "136", "138", "139", "150", "158", "186", "189"}
	paymentTerms  = []int{30, 30, 45, 60}
	dealerWords   = []string{"Hardware", "Tools", "Supply", "Trading", "Building Materials", "Industrial", "Machinery", "Home Centre", "Tool Centre", "Equipment"}
	dealerEnds    = []string{"Co.", "Ltd.", "Group", "Store", "Depot", "Mart", "Works", "Centre"}
	onlineWords   = []string{"Mall", "Direct", "Box", "Hub", "Express", "Outlet", "Online", "Shop"}
)
