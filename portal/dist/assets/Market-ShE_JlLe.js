import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{c as r,i,l as a,o,p as s,s as c}from"./index-C1DSOppe.js";import{t as l}from"./useTranslation-BHcLAHjw.js";import{i as u,l as d,n as f,o as p,r as m,t as h,u as g}from"./usePageTitle-BTu-N59P.js";import{n as _,t as v}from"./format-DyU-Atiu.js";var y=e(t(),1),b=n(),x=20,S=p(`
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
`),C=p(`
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
`),w=p(`
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
`),T=p(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function E(){let{t:e}=l(),[{data:t}]=a(),n=t?.me,i=n?.role===`DEALER`;h(e(`market.title`));let[o,s]=(0,y.useState)(0),[{data:u,error:d}]=g({query:S,variables:{dealerID:n?.dealer?.id??``,isDealer:i},pause:!n});if(d&&!u)return(0,b.jsx)(c,{error:d});if(!u)return(0,b.jsx)(r,{});let f=(u.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`}]:[]),p=i?u.dealer?.__typename===`Dealer`?u.dealer.territories??[]:[]:(u.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,b.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,b.jsx)(`p`,{className:`lead`,children:e(i?`market.intro`:`market.staffIntro`)}),i&&(0,b.jsx)(D,{territories:p,products:f,today:u.settings.today,onSent:()=>s(e=>e+1)}),i&&(0,b.jsx)(O,{sent:o}),(0,b.jsx)(k,{territories:p,products:f,staff:!i,sent:o})]})}function D({territories:e,products:t,today:n,onSent:r}){let{t:i}=l(),a=(0,y.useId)(),o={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[s,c]=(0,y.useState)(o),[p,h]=(0,y.useState)(!1),[{fetching:g,error:_},v]=d(T),x=u(_),S=e=>{let t=x.find(t=>m(t.field).name===e);return t?(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:f(i,t,`market`)}):null},C=x.filter(e=>!e.field),w=e=>t=>c(n=>({...n,[e]:t.target.value}));return(0,b.jsxs)(`section`,{"aria-labelledby":`${a}-title`,children:[(0,b.jsx)(`h2`,{id:`${a}-title`,children:i(`market.report`)}),(0,b.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),h(!1),(await v({input:{...s,note:s.note||null}})).error||(c({...o,territoryID:s.territoryID}),h(!0),r())},children:[(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-territory`,children:i(`market.territory`)}),(0,b.jsx)(`select`,{id:`${a}-territory`,name:`territoryID`,value:s.territoryID,onChange:w(`territoryID`),children:e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))}),S(`territoryID`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-product`,children:i(`market.product`)}),(0,b.jsxs)(`select`,{id:`${a}-product`,name:`productID`,value:s.productID,onChange:w(`productID`),children:[(0,b.jsx)(`option`,{value:``,children:i(`market.chooseProduct`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),S(`productID`)]})]}),(0,b.jsxs)(`div`,{className:`field-row`,children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-competitor`,children:i(`market.competitor`)}),(0,b.jsx)(`input`,{id:`${a}-competitor`,name:`competitor`,value:s.competitor,maxLength:200,onChange:w(`competitor`)}),S(`competitor`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-price`,children:i(`market.observedPrice`)}),(0,b.jsx)(`input`,{id:`${a}-price`,name:`observedPrice`,inputMode:`decimal`,value:s.observedPrice,onChange:w(`observedPrice`)}),S(`observedPrice`)]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-on`,children:i(`market.observedOn`)}),(0,b.jsx)(`input`,{id:`${a}-on`,name:`observedOn`,type:`date`,max:n,value:s.observedOn,onChange:w(`observedOn`)}),S(`observedOn`)]})]}),(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:`${a}-note`,children:i(`market.note`)}),(0,b.jsx)(`textarea`,{id:`${a}-note`,name:`note`,rows:2,maxLength:2e3,value:s.note,onChange:w(`note`)}),S(`note`)]}),C.map((e,t)=>(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:f(i,e,`market`)},t)),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:g,children:i(`market.submit`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:p?i(`market.submitted`):``})]})]})]})}function O({sent:e}){let{t,i18n:n}=l(),[{data:i,error:a},s]=g({query:C,variables:{}});(0,y.useEffect)(()=>{e&&s({requestPolicy:`network-only`})},[e,s]);let u=i?.priceObservations??[];return(0,b.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,b.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!i?(0,b.jsx)(c,{error:a}):i?u.length?(0,b.jsxs)(`table`,{className:`table observations`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,b.jsx)(`tbody`,{children:u.map((e,r)=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":t(`market.territory`),children:e.territory.name}),(0,b.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,n.language)}),(0,b.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?v(e.ourPrice,n.language):`—`}),(0,b.jsx)(`td`,{"data-label":t(`market.observedOn`),children:e.observedOn})]},r))})]}):(0,b.jsx)(o,{children:t(`market.noObservations`)}):(0,b.jsx)(r,{}),i&&u.length>0&&(0,b.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function k({territories:e,products:t,staff:n,sent:a}){let{t:u,i18n:d}=l(),f=(0,y.useId)(),[p,m]=s(),h={territoryID:p.get(`territory`)||null,productID:p.get(`product`)||null,from:p.get(`from`)||null,to:p.get(`to`)||null},S=p.get(`after`),C=p.get(`before`),T={...h,...C?{last:x,before:C}:{first:x,after:S??null}},[{data:E,error:D,fetching:O},k]=g({query:w,variables:T});(0,y.useEffect)(()=>{a&&k({requestPolicy:`network-only`})},[a,k]);let A=e=>{let t={},n={territory:h.territoryID,product:h.productID,from:h.from,to:h.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);m(t)},j=E?.marketReports,M=(j?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,b.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,b.jsx)(`h2`,{id:`market-reports`,children:u(n?`market.reports`:`market.yourReports`)}),n&&(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:`${f}-t`,children:u(`market.territory`)}),(0,b.jsxs)(`select`,{id:`${f}-t`,value:h.territoryID??``,onChange:e=>A({territory:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:u(`market.allTerritories`)}),e.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${f}-p`,children:u(`market.product`)}),(0,b.jsxs)(`select`,{id:`${f}-p`,value:h.productID??``,onChange:e=>A({product:e.target.value}),children:[(0,b.jsx)(`option`,{value:``,children:u(`market.allProducts`)}),t.map(e=>(0,b.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),(0,b.jsx)(`label`,{htmlFor:`${f}-from`,children:u(`market.from`)}),(0,b.jsx)(`input`,{id:`${f}-from`,type:`date`,value:h.from??``,onChange:e=>A({from:e.target.value})}),(0,b.jsx)(`label`,{htmlFor:`${f}-to`,children:u(`market.to`)}),(0,b.jsx)(`input`,{id:`${f}-to`,type:`date`,value:h.to??``,onChange:e=>A({to:e.target.value})})]}),O&&!E?(0,b.jsx)(r,{}):D&&!E?(0,b.jsx)(c,{error:D,onRetry:()=>k({requestPolicy:`network-only`})}):M.length?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`count`,children:u(`market.count`,{count:j?.totalCount??0})}),(0,b.jsxs)(`table`,{className:`table market-reports`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:u(`market.observedOn`)}),n&&(0,b.jsx)(`th`,{scope:`col`,children:u(`market.dealer`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.territory`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.product`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.competitor`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:u(`market.observedPrice`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.reportedBy`)}),(0,b.jsx)(`th`,{scope:`col`,children:u(`market.note`)})]})}),(0,b.jsx)(`tbody`,{children:M.map(e=>(0,b.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":u(`market.observedOn`),children:e.observedOn}),n&&(0,b.jsx)(`td`,{"data-label":u(`market.dealer`),children:e.dealer.name}),(0,b.jsx)(`td`,{"data-label":u(`market.territory`),children:e.territory.name}),(0,b.jsxs)(`td`,{"data-label":u(`market.product`),children:[e.product.name,` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,b.jsx)(`td`,{"data-label":u(`market.competitor`),children:e.competitor}),(0,b.jsx)(`td`,{"data-label":u(`market.observedPrice`),className:`num money`,children:v(e.observedPrice,d.language)}),(0,b.jsxs)(`td`,{"data-label":u(`market.reportedBy`),children:[e.reportedByName,` `,(0,b.jsx)(`span`,{className:`muted`,children:_(e.reportedAt,d.language)})]}),(0,b.jsx)(`td`,{"data-label":u(`market.note`),children:e.note})]},e.id))})]}),j&&(0,b.jsx)(i,{pageInfo:j.pageInfo,onPage:e=>A({after:e.after,before:e.before})})]}):(0,b.jsx)(o,{children:u(`market.noReports`)})]})}export{E as Market,S as MarketOptionsQuery,w as MarketReportsQuery,C as PriceObservationsQuery,T as SubmitMarketReportMutation};