import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{a as r,d as i,f as a,i as o,it as s,l as c,n as l,o as u,r as d,s as f,t as p}from"./usePageTitle-A28YcnZo.js";import{t as m}from"./useTranslation-C_P0klXE.js";import{c as h,i as g,o as _,s as v}from"./index-C-kW9G5b.js";var y=e(t(),1),b=n(),x=20,S=c(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
        }
      }
    }
  }
`),C=c(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
      }
      product {
        id
        sku
        name
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),w=c(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          dealer {
            id
            name
          }
          territory {
            id
            name
          }
          product {
            id
            sku
            name
          }
        }
      }
    }
  }
`),T=c(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=m(),[{data:t}]=h(),n=t?.me,r=n?.role===`DEALER`;p(e(`market.title`));let[i,s]=(0,y.useState)(0),[{data:c,error:l}]=a({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(l&&!c)return(0,b.jsx)(d,{error:l});if(!c)return(0,b.jsx)(o,{});let u=(c.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),f=r?c.dealer?.__typename===`Dealer`?c.dealer.territories??[]:[]:(c.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,b.jsx)(D,{territories:f,products:u,today:c.settings.today,onSent:()=>s(e=>e+1)}),r&&(0,b.jsx)(O,{sent:i}),(0,b.jsx)(k,{territories:f,products:u,staff:!r,sent:i})]})}function D({territories:e,products:t,today:n,onSent:a}){let{t:o}=m(),s=(0,y.useId)(),c={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[l,d]=(0,y.useState)(c),[p,h]=(0,y.useState)(!1),[{fetching:g,error:_},v]=i(T),x=f(_),S=e=>{let t=x.find(t=>u(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:r(o,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>d(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${s}-title`,children:[(0,b.jsx)(`h2`,{id:`${s}-title`,children:o(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),h(!1),(await v({input:{...l,note:l.note||null}})).error||(d({...c,territoryID:l.territoryID}),h(!0),a())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-territory`,children:o(`market.territory`)}),(0,b.jsx)(`select`,{id:`${s}-territory`,name:`territoryID`,value:l.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-product`,children:o(`market.product`)}),(0,b.jsxs)(`select`,{id:`${s}-product`,name:`productID`,value:l.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:o(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-competitor`,children:o(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${s}-competitor`,name:`competitor`,value:l.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-price`,children:o(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${s}-price`,name:`observedPrice`,inputMode:`decimal`,value:l.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-on`,children:o(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${s}-on`,name:`observedOn`,type:`date`,max:n,value:l.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${s}-note`,children:o(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${s}-note`,name:`note`,rows:2,maxLength:2e3,value:l.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:r(o,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:g,children:o(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:p?o(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=m(),[{data:r,error:i},s]=a({query:C,variables:{}});(0,y.useEffect)(()=>{e&&s({requestPolicy:`network-only`})},[e,s]);let c=r?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),i&&!r?(0,b.jsx)(d,{error:i}):r?c.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:c.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:_(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?_(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(l,{children:t(`market.noObservations`)}):(0,b.jsx)(o,{}),r&&c.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:r}){let{t:i,i18n:c}=m(),u=(0,y.useId)(),[f,p]=s(),h={territoryID:f.get(`territory`)||null,productID:f.get(`product`)||null,from:f.get(`from`)||null,to:f.get(`to`)||null},S=f.get(`after`),C=f.get(`before`),T={...h,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=a({query:w,variables:T});(0,y.useEffect)(()=>{r&&k({requestPolicy:`network-only`})},[r,k]);let A=e=>{let t={},n={territory:h.territoryID,product:h.productID,from:h.from,to:h.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);p(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:i(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${u}-t`,children:i(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${u}-t`,value:h.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${u}-p`,children:i(`market.product`)}),(0,b.jsxs)(`select`,{id:`${u}-p`,value:h.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${u}-from`,children:i(`market.from`)}),(0,b.jsx)(`input`,{id:`${u}-from`,type:`date`,value:h.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${u}-to`,children:i(`market.to`)}),(0,b.jsx)(`input`,{id:`${u}-to`,type:`date`,value:h.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(o,{}):D&&!E?(0,b.jsx)(d,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:i(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:i(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:i(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:i(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:i(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":i(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":i(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":i(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":i(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":i(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":i(`market.observedPrice`),className:`num money`,children:_(e.observedPrice,c.language)}),(0,b.jsxs)(`td`,{"data-label":i(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:v(e.reportedAt,c.language)})]}),(0,b.jsx)(`td`,{"data-label":i(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(g,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(l,{children:i(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};